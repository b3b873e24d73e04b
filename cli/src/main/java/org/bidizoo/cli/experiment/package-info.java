/**
 * The papers' experiments (Table 1, FGSM, recall, generation, inversion, Associated Learning, fine-tuning)
 * built from library calls of the zoo; the commands print their results.
 */
package org.bidizoo.cli.experiment;
