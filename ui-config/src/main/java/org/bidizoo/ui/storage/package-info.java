/**
 * The dashboard's records in DL4J's {@code StatsStorage} (in memory, in a file for replay, or sent to a
 * remote UI through {@code RemoteUIStatsStorageRouter}).
 */
package org.bidizoo.ui.storage;
