/**
 * The one training loop every model and experiment uses ({@link org.bidizoo.zoo.train.TrainingLoop}, with
 * listeners for progress, evaluation, checkpoints and schedules), test-set evaluation, the datasets' splits,
 * and saving and loading trained models.
 */
package org.bidizoo.zoo.train;
