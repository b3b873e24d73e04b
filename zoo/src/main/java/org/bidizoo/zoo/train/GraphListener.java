package org.bidizoo.zoo.train;

import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * A DL4J {@link TrainingListener} that reads the whole {@code ComputationGraph} (a reconstruction or t-SNE of its
 * layers). During layer-wise pretraining ({@code pretrainLayer}) DL4J calls a graph's listeners with the
 * pretrained layer as the model, and the graph's iteration count stands still; {@link PretrainStep} sets listeners
 * of this type aside for each minibatch of a model with pretraining and calls them afterwards with the graph and
 * the run's iteration. DL4J's own listeners keep DL4J's behaviour.
 */
public interface GraphListener extends TrainingListener {
}
