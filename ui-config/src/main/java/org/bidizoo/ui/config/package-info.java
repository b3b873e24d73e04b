/** The dashboard's config file (JSON): port, storage, layers, sample sizes, refresh intervals. */
package org.bidizoo.ui.config;
