/**
 * Fine-tuning pretrained Lmser models with DL4J's {@code TransferLearning}: the bottom-up half of a
 * trained Lmser as an encoder, a new classification head on its top code, the encoder frozen or not.
 * (The comparison with training from scratch is an experiment of the CLI module.)
 */
package org.bidizoo.zoo.finetune;
