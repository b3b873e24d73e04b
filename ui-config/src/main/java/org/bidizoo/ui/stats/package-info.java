/**
 * DL4J's own training overview for our layers: weight aliases its {@code TrainModule} recognises, and the
 * run times it leaves blank.
 */
package org.bidizoo.ui.stats;
