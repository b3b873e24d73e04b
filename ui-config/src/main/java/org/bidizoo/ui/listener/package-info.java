/**
 * Training listeners for any ComputationGraph that post dashboard records (reconstruction gallery,
 * hidden-layer t-SNE, per-output losses) to a {@code StatsStorageRouter}.
 */
package org.bidizoo.ui.listener;
