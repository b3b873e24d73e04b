/** The papers' experiments as library calls: Table 1, FGSM, recall, generation, saved models. */
package org.bidizoo.zoo.experiment;
