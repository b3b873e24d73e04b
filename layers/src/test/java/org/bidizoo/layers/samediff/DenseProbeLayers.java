package org.bidizoo.layers.samediff;

import java.util.Map;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A minimal dense SameDiff layer y = xW + b, in a plain DL4J version and a corrected one. */
final class DenseProbeLayers {
    static final String W = "W";
    static final String B = "b";

    private DenseProbeLayers() {
    }

    static void define(SDLayerParams params, long nIn, long nOut) {
        params.addWeightParam(W, nIn, nOut);
        params.addBiasParam(B, 1, nOut);
    }

    static SDVariable forward(SameDiff sd, SDVariable in, Map<String, SDVariable> p) {
        return in.mmul(p.get(W)).add(p.get(B));
    }

    /** DL4J's own SameDiffLayer, uncorrected. */
    static final class Plain extends SameDiffLayer {
        private long nIn;
        private long nOut;

        Plain() {
        }

        Plain(long nIn, long nOut) {
            this.nIn = nIn;
            this.nOut = nOut;
        }

        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable in, Map<String, SDVariable> p, SDVariable mask) {
            return forward(sd, in, p);
        }

        @Override
        public void defineParameters(SDLayerParams params) {
            define(params, nIn, nOut);
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            params.get(W).assign(0.1);
            params.get(B).assign(0);
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType inputType) {
            return InputType.feedForward(nOut);
        }

        public long getNIn() {
            return nIn;
        }

        public void setNIn(long nIn) {
            this.nIn = nIn;
        }

        public long getNOut() {
            return nOut;
        }

        public void setNOut(long nOut) {
            this.nOut = nOut;
        }
    }

    /** The same layer on our corrected base. */
    static final class Corrected extends CorrectedSameDiffLayer {
        private long nIn;
        private long nOut;

        Corrected() {
        }

        Corrected(long nIn, long nOut) {
            this.nIn = nIn;
            this.nOut = nOut;
        }

        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable in, Map<String, SDVariable> p, SDVariable mask) {
            return forward(sd, in, p);
        }

        @Override
        public void defineParameters(SDLayerParams params) {
            define(params, nIn, nOut);
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            params.get(W).assign(0.1);
            params.get(B).assign(0);
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType inputType) {
            return InputType.feedForward(nOut);
        }

        public long getNIn() {
            return nIn;
        }

        public void setNIn(long nIn) {
            this.nIn = nIn;
        }

        public long getNOut() {
            return nOut;
        }

        public void setNOut(long nOut) {
            this.nOut = nOut;
        }
    }
}
