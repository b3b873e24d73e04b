package org.bidizoo.layers.samediff;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;

/**
 * Input types of layers that hold a whole stack whose first step is either dense or convolutional:
 * the per-example input shape they configure themselves with, and the preprocessor DL4J must put in
 * front of them. One place for every such layer (Lmser, the invertible networks).
 */
public final class InputShapes {
    private InputShapes() {
    }

    /**
     * @param who       the layer, for messages (e.g. {@code "LmserLayer lmser"})
     * @param inputType the type DL4J gives the layer
     * @param convFirst whether the stack's first step is convolutional
     * @return {@code [C, H, W]} when {@code convFirst}, else {@code [n]}
     * @throws IllegalArgumentException naming the layer and the type if it is not feed-forward or NCHW convolutional
     */
    public static long[] of(String who, InputType inputType, boolean convFirst) {
        switch (inputType.getType()) {
            case FF:
                return new long[] {((InputType.InputTypeFeedForward) inputType).getSize()};
            case CNN:
                InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) inputType;
                return convFirst ? new long[] {c.getChannels(), c.getHeight(), c.getWidth()}
                        : new long[] {c.getChannels() * c.getHeight() * c.getWidth()};
            case CNNFlat:
                InputType.InputTypeConvolutionalFlat f = (InputType.InputTypeConvolutionalFlat) inputType;
                return convFirst ? new long[] {f.getDepth(), f.getHeight(), f.getWidth()}
                        : new long[] {f.getFlattenedSize()};
            default:
                throw unsupported(who, inputType);
        }
    }

    /**
     * @param who       the layer, for messages
     * @param first     the first step, for messages
     * @param inputType the type DL4J gives the layer
     * @param convFirst whether the stack's first step is convolutional
     * @return the preprocessor to reshape the input (null if none is needed)
     * @throws IllegalArgumentException if the input cannot feed the first step
     */
    public static InputPreProcessor preProcessor(String who, Object first, InputType inputType, boolean convFirst) {
        switch (inputType.getType()) {
            case FF:
                if (convFirst) {
                    throw new IllegalArgumentException(who + ": level 0 (" + first + ") is convolutional but the input"
                            + " type is flat " + inputType
                            + "; expected InputType.convolutional(h, w, c) or InputType.convolutionalFlat(h, w, c)");
                }
                return null;
            case CNNFlat:
                InputType.InputTypeConvolutionalFlat f = (InputType.InputTypeConvolutionalFlat) inputType;
                return convFirst ? new FeedForwardToCnnPreProcessor(f.getHeight(), f.getWidth(), f.getDepth()) : null;
            case CNN:
                InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) inputType;
                if (c.getFormat() != CNN2DFormat.NCHW) {
                    throw new IllegalArgumentException(who + ": input format " + c.getFormat()
                            + " is not supported; expected NCHW");
                }
                return convFirst ? null : new CnnToFeedForwardPreProcessor(c.getHeight(), c.getWidth(), c.getChannels());
            default:
                throw unsupported(who, inputType);
        }
    }

    private static IllegalArgumentException unsupported(String who, InputType t) {
        return new IllegalArgumentException(who + ": input type " + t
                + " is not supported; expected feed-forward or convolutional (NCHW) input");
    }
}
