/**
 * Starting the dashboard: DL4J's UI server with our modules on a chosen port, the stats storage, and the
 * listeners for a graph.
 */
package org.bidizoo.ui.server;
