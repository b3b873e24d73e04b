/**
 * Fine-tuning pretrained Lmser models with DL4J's {@code TransferLearning}: the bottom-up half of a
 * trained Lmser as an encoder, a new classification head on its top code, the encoder frozen or not,
 * and the comparison with training the same network from scratch on the same few labels.
 */
package org.bidizoo.zoo.finetune;
