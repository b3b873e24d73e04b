package org.bidizoo.zoo.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bidizoo.layers.inversion.InvertibleStep;
import org.nd4j.linalg.activations.Activation;

/**
 * The networks of seed 002's MNIST experiments. The paper's appendix gives only their parameter
 * counts (SmallCNN 131K, LargeCNN 1370K, Resnet2-32 330K, Resnet3-16 136K); the topologies here are
 * ours, ReLU convolutions with 2×2 pooling, chosen to match those counts within 1% (the tests assert
 * the counts). {@link #PEER_SMALLCNN} is the PyTorch peer's {@code smallcnn}, for speed comparisons.
 */
public enum InversionArchitecture {
    /** conv32-pool-conv64-pool-conv128-pool-dense32-dense10, 129,898 parameters (paper: 131K) */
    SMALLCNN("smallcnn", 131_000),
    /** conv64-conv64-pool-conv128-conv128-pool-conv256-pool-dense352-dense10, 1,369,066 (paper: 1370K) */
    LARGECNN("largecnn", 1_370_000),
    /** conv32, 2 residual blocks of 32, pool, conv64, 2 blocks of 64, pool, dense40-dense10, 329,410 (paper: 330K) */
    RESNET2_32("resnet2-32", 330_000),
    /** conv16, 3 residual blocks of 16, pool, conv32, 3 blocks of 32, pool, dense39-dense10, 135,799 (paper: 136K) */
    RESNET3_16("resnet3-16", 136_000),
    /** the peer's smallcnn: conv32 k3-conv64 k3 (valid)-maxpool-dense128-dense10, 1,199,882 parameters */
    PEER_SMALLCNN("peer-smallcnn", 1_199_882),
    /**
     * ours, for 1-D signals {@code [1, 1, 256]} (the paper's Bird10 network reads raw audio with a 1024-sample
     * kernel): three conv1d k9 (16, 32, 32 channels) each with ReLU and pool1d 2, dense32, dense10; 47,178 parameters for T = 256
     */
    CNN1D("cnn1d", 47_178);

    private final String cliName;
    private final int paperParams;

    InversionArchitecture(String cliName, int paperParams) {
        this.cliName = cliName;
        this.paperParams = paperParams;
    }

    /** @return the CLI name */
    public String cliName() {
        return cliName;
    }

    /** @return the parameter count the paper states (for the peer's network: its own count) */
    public int paperParams() {
        return paperParams;
    }

    /**
     * @param name a CLI name
     * @return the architecture
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static InversionArchitecture byName(String name) {
        List<String> names = new ArrayList<>();
        for (InversionArchitecture a : values()) {
            if (a.cliName.equals(name)) {
                return a;
            }
            names.add(a.cliName);
        }
        throw new IllegalArgumentException("model: unknown '" + name + "'; expected one of " + names);
    }

    /**
     * @param pool       max or mean pooling (the peer's network always max-pools)
     * @param numClasses logits
     * @return the steps, input first, for 28×28 single-channel input ({@link #CNN1D}: {@code [1, 1, T]})
     */
    public List<InvertibleStep> steps(InvertibleStep.Pool pool, int numClasses) {
        List<InvertibleStep> s = new ArrayList<>();
        switch (this) {
            case SMALLCNN -> {
                convReluPool(s, 32, pool);
                convReluPool(s, 64, pool);
                convReluPool(s, 128, pool);
                dense(s, 32);
            }
            case LARGECNN -> {
                convRelu(s, 64);
                convReluPool(s, 64, pool);
                convRelu(s, 128);
                convReluPool(s, 128, pool);
                convReluPool(s, 256, pool);
                dense(s, 352);
            }
            case RESNET2_32 -> resnet(s, pool, 2, 32, 40);
            case RESNET3_16 -> resnet(s, pool, 3, 16, 39);
            case CNN1D -> {
                for (int channels : new int[] {16, 32, 32}) {
                    s.add(InvertibleStep.conv1d(channels, 9, 1, 4));
                    s.add(InvertibleStep.activation(Activation.RELU));
                    s.add(InvertibleStep.pool(pool, 2).oneDimensional());
                }
                dense(s, 32);
            }
            case PEER_SMALLCNN -> {
                s.add(InvertibleStep.conv(32, 3, 1, 0));
                s.add(InvertibleStep.activation(Activation.RELU));
                s.add(InvertibleStep.conv(64, 3, 1, 0));
                s.add(InvertibleStep.activation(Activation.RELU));
                s.add(InvertibleStep.maxPool(2));
                dense(s, 128);
            }
            default -> throw new IllegalStateException(name());
        }
        s.add(InvertibleStep.dense(numClasses));
        return s;
    }

    private static void convRelu(List<InvertibleStep> s, int channels) {
        s.add(InvertibleStep.conv(channels, 3, 1, 1));
        s.add(InvertibleStep.activation(Activation.RELU));
    }

    private static void convReluPool(List<InvertibleStep> s, int channels, InvertibleStep.Pool pool) {
        convRelu(s, channels);
        s.add(InvertibleStep.pool(pool, 2));
    }

    /** two stages of {@code blocks} residual blocks, {@code width} then twice as many channels, each pooled */
    private static void resnet(List<InvertibleStep> s, InvertibleStep.Pool pool, int blocks, int width, int dense) {
        for (int channels : new int[] {width, 2 * width}) {
            convRelu(s, channels);
            residual(s, blocks);
            s.add(InvertibleStep.pool(pool, 2));
        }
        dense(s, dense);
    }

    private static void residual(List<InvertibleStep> s, int blocks) {
        for (int i = 0; i < blocks; i++) {
            s.add(InvertibleStep.residual(3, Activation.RELU));
        }
    }

    private static void dense(List<InvertibleStep> s, int units) {
        s.add(InvertibleStep.dense(units));
        s.add(InvertibleStep.activation(Activation.RELU));
    }

    @Override
    public String toString() {
        return cliName.toLowerCase(Locale.ROOT);
    }
}
