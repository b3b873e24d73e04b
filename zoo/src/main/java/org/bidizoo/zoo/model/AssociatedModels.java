package org.bidizoo.zoo.model;

import org.bidizoo.layers.associated.AssociatedBlock;
import org.bidizoo.layers.associated.AssociatedLearning;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * The thesis' Associated Learning topologies (Wu, §3.2.1) as {@link AssociatedLearning} specs. Each
 * BP twin is the prediction path f_1…f_N, b_N, h_N…h_1 as one ReLU network, so its parameter count
 * equals the AL model's effective parameters (the thesis' "identical parameters").
 * <ul>
 *   <li>MLP: 2 blocks, |s_i| = |t_i| = 1024, bridges 1024 → 5120 → 1024; the twin is
 *       784-1024-1024-5120-1024-1024-10, the thesis' 6 layers.</li>
 *   <li>CNN: 4 blocks of two 3×3 convolutions (32, 32, 64, 64 channels, ELU, same padding),
 *       2×2 max-pooling after blocks 1, 2 and 4 (the thesis names no pooling; without it the first
 *       bridges would need 32M parameters each), |t_i| = 256, bridges → 1280 → 256; the twin is 8
 *       convolutions, FC 1280, 4 × FC 256, FC 10, the thesis' 14 layers.</li>
 *   <li>VGG (for 32×32×3, CIFAR-10): VGG-11's first four stages as 4 blocks — conv 64, conv 128,
 *       conv 256 ×2, conv 512 ×2, each stage ending in 2×2 max-pooling (32 → 2) — |t_i| = 256,
 *       bridges one dense layer except the last (→ 1024 → 256). The thesis gives no VGG details.</li>
 *   <li>ResNet-20/32 (for 32×32×3): 3 blocks, one per ResNet stage — block 1 the 3×3 stem (16
 *       channels) and n residual units of 16, block 2 n units of 32 (the first with stride 2),
 *       block 3 n units of 64 (the first with stride 2) and global average pooling; n = 3 (ResNet-20)
 *       or 5 (ResNet-32); |t_i| = 128, the last bridge → 256 → 128. Units are conv-BN with ELU.</li>
 * </ul>
 */
public final class AssociatedModels {
    private AssociatedModels() {
    }

    /** @param s settings @return the MLP spec */
    public static AssociatedLearning mlp(ModelSettings s) {
        return base(s, InputType.feedForward(s.inputSize()))
                .block(AssociatedBlock.dense(1024, 1024, 5120))
                .block(AssociatedBlock.dense(1024, 1024, 5120)).build();
    }

    /** @param s settings @return the CNN spec */
    public static AssociatedLearning cnn(ModelSettings s) {
        int[] i = s.inputShape();
        return base(s, InputType.convolutional(i[1], i[2], i[0]))
                .block(AssociatedBlock.builder().conv(32, 3).conv(32, 3).maxPool(2).targetWidth(256).bridge(1280).build())
                .block(AssociatedBlock.builder().conv(32, 3).conv(32, 3).maxPool(2).targetWidth(256).bridge(1280).build())
                .block(AssociatedBlock.builder().conv(64, 3).conv(64, 3).targetWidth(256).bridge(1280).build())
                .block(AssociatedBlock.builder().conv(64, 3).conv(64, 3).maxPool(2).targetWidth(256).bridge(1280).build())
                .build();
    }

    /** @param s settings (input 3×32×32 for CIFAR-10; any size divisible by 16 works) @return the VGG spec */
    public static AssociatedLearning vgg(ModelSettings s) {
        int[] i = s.inputShape();
        return base(s, InputType.convolutional(i[1], i[2], i[0]))
                .block(AssociatedBlock.builder().conv(64, 3).maxPool(2).targetWidth(256).build())
                .block(AssociatedBlock.builder().conv(128, 3).maxPool(2).targetWidth(256).build())
                .block(AssociatedBlock.builder().conv(256, 3).conv(256, 3).maxPool(2).targetWidth(256).build())
                .block(AssociatedBlock.builder().conv(512, 3).conv(512, 3).maxPool(2).targetWidth(256).bridge(1024)
                        .build())
                .build();
    }

    /**
     * @param s     settings (input 3×32×32 for CIFAR-10)
     * @param depth 20 or 32
     * @return the ResNet spec
     */
    public static AssociatedLearning resnet(ModelSettings s, int depth) {
        if (depth != 20 && depth != 32) {
            throw new IllegalArgumentException("depth = " + depth + ", expected 20 or 32");
        }
        int n = (depth - 2) / 6;
        int[] i = s.inputShape();
        AssociatedBlock.Builder b1 = AssociatedBlock.builder().conv(16, 3);
        AssociatedBlock.Builder b2 = AssociatedBlock.builder().residual(32, 2, true);
        AssociatedBlock.Builder b3 = AssociatedBlock.builder().residual(64, 2, true);
        for (int u = 0; u < n; u++) {
            b1.residual(16, 1, false);
            if (u > 0) {
                b2.residual(32, 1, false);
                b3.residual(64, 1, false);
            }
        }
        b3.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        return base(s, InputType.convolutional(i[1], i[2], i[0]))
                .block(b1.targetWidth(128).build())
                .block(b2.targetWidth(128).build())
                .block(b3.targetWidth(128).bridge(256).build())
                .build();
    }

    private static AssociatedLearning.Builder base(ModelSettings s, InputType in) {
        return AssociatedLearning.builder().inputType(in).numClasses(s.numClasses()).seed(s.seed())
                .dataType(s.dataType()).updater(s.updater(AssociatedZooModel.DEFAULT_LEARNING_RATE));
    }
}
