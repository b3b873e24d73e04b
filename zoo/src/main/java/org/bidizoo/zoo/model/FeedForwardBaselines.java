package org.bidizoo.zoo.model;

import org.bidizoo.datasets.image.FeatureLayout;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The plain feed-forward classifiers of seed 000's robustness comparison, with the same encoders
 * as the Lmser models: {@code fcn} = 784-300-100 ReLU then softmax 10 (LmserDense's bottom-up
 * pass); {@code cnn} = conv 16-32-64-64 (3×3, stride 2, padding 1, ReLU) then softmax 10
 * (LmserConv(sup)'s bottom-up pass).
 */
public final class FeedForwardBaselines {
    private FeedForwardBaselines() {
    }

    /** @param s settings @return the FCN */
    public static BidizooModel fcn(ModelSettings s) {
        return new Classifier(s, "fcn", false);
    }

    /** @param s settings @return the CNN */
    public static BidizooModel cnn(ModelSettings s) {
        return new Classifier(s, "cnn", true);
    }

    private static final class Classifier extends BidizooModel {
        private final String name;
        private final boolean conv;

        Classifier(ModelSettings s, String name, boolean conv) {
            super(s);
            this.name = name;
            this.conv = conv;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public FeatureLayout featureLayout() {
            return conv ? FeatureLayout.NCHW : FeatureLayout.FLAT;
        }

        @Override
        public boolean reconstructs() {
            return false;
        }

        @Override
        public boolean classifies() {
            return true;
        }

        @Override
        public ComputationGraphConfiguration conf() {
            ModelSettings s = settings();
            ComputationGraphConfiguration.GraphBuilder g = LmserModels.graph(this);
            String prev = INPUT;
            if (conv) {
                int[] ch = {16, 32, 64, 64};
                for (int i = 0; i < ch.length; i++) {
                    g.addLayer("conv" + i, new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(ch[i])
                            .activation(Activation.RELU).build(), prev);
                    prev = "conv" + i;
                }
            } else {
                int[] units = {300, 100};
                for (int i = 0; i < units.length; i++) {
                    g.addLayer("dense" + i, new DenseLayer.Builder().nOut(units[i]).activation(Activation.RELU).build(),
                            prev);
                    prev = "dense" + i;
                }
            }
            g.addLayer(LABEL, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(s.numClasses())
                    .activation(Activation.SOFTMAX).build(), prev);
            return g.setOutputs(LABEL).setInputTypes(LmserModels.inputType(s, conv)).build();
        }
    }
}
