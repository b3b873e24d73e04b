package org.bidizoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.bidizoo.datasets.semi.SemiSupervisedIterator;
import org.bidizoo.layers.associated.AssociatedBlock;
import org.bidizoo.layers.associated.AssociatedLearning;
import org.bidizoo.layers.inversion.InvertibleStep;
import org.bidizoo.zoo.model.AssociatedZooModel;
import org.bidizoo.zoo.model.AutoencoderCorruption;
import org.bidizoo.zoo.model.AutoencoderModel;
import org.bidizoo.zoo.model.BidizooModel;
import org.bidizoo.zoo.model.InversionArchitecture;
import org.bidizoo.zoo.model.InversionModel;
import org.bidizoo.zoo.model.LmserDense;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;

/**
 * For a model of each family, a run stopped after a checkpoint and resumed from its file ends with the parameters
 * and updater state of an uninterrupted run, bit for bit: Lmser(sup), Associated Learning (blocks, bridges, local
 * losses), inversion with its semi-supervised minibatches, label masks and the entropy ramp, and a denoising
 * autoencoder's per-iteration corruption.
 */
class ResumeEveryFamilyTest {
    @TempDir
    Path tmp;

    /** 60 images of 1×28×28, 10 classes, pixel values from the index. */
    private static LabeledImages images() {
        int n = 60;
        byte[] px = new byte[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 784; p++) {
                px[784 * i + p] = (byte) ((i * 31 + p * 7 + (p / 28) * i) % 256);
            }
            y[i] = i % 10;
        }
        return new LabeledImages(px, y, 1, 28, 28, 10);
    }

    /** Runs 9 iterations whole, and 9 as 6 (killed after the checkpoint at 6) + 3 resumed; compares. */
    private void assertResumesExactly(BidizooModel spec, Supplier<Batches> batches, TrainingLoop.BatchFactory factory)
            throws IOException {
        ComputationGraph whole = spec.init();
        TrainingLoop.builder("whole", whole, batches.get()).batchFactory(factory).iterations(9).progress(false)
                .build().run();
        Checkpoints cps = new Checkpoints(tmp.resolve(spec.name()), 1);
        TrainingLoop killed = TrainingLoop.builder("killed", spec.init(), batches.get()).batchFactory(factory)
                .iterations(9).progress(false).listener(cps.listener(3, null, Map.of()))
                .listener(TrainingListener.at(new int[] {7}, s -> {
                    throw new IllegalStateException("killed");
                })).build();
        assertThrows(IllegalStateException.class, killed::run);
        Checkpoints.Checkpoint cp = cps.latest().orElseThrow();
        assertEquals(6, cp.iteration());
        ComputationGraph resumed = cp.restore();
        TrainingLoop.builder("resumed", resumed, batches.get()).batchFactory(factory).iterations(9)
                .resume(cp.iteration(), cp.position()).progress(false).build().run();
        assertEquals(whole.params(), resumed.params(), spec.name() + ": parameters bit for bit");
        assertEquals(whole.getUpdater().getStateViewArray(), resumed.getUpdater().getStateViewArray(),
                spec.name() + ": updater state");
    }

    private static TrainingLoop.BatchFactory plain(BidizooModel spec) {
        return (m, i) -> spec.trainingBatch(m.getFeatures(0), m.getLabels(0), m.getLabelsMaskArray(0));
    }

    @Test
    void lmser() throws IOException {
        BidizooModel spec = LmserDense.paper(ModelSettings.builder().seed(3).build(), LmserVariant.SUP);
        assertResumesExactly(spec, () -> Batches.of(ImageDataSetIterator.builder(images()).batchSize(8)
                .layout(FeatureLayout.FLAT).shuffle(5).build()), plain(spec));
    }

    /** A denoising autoencoder corrupts every minibatch afresh: resumed, it corrupts as the uninterrupted run did. */
    @Test
    void denoisingAutoencoder() throws IOException {
        BidizooModel spec = new AutoencoderModel.Builder().name("dae").hidden(32, 8).settings(ModelSettings.builder()
                .seed(3).build()).corruption(new AutoencoderCorruption(AutoencoderCorruption.Kind.MASKING, 0.3)).build();
        assertResumesExactly(spec, () -> Batches.of(ImageDataSetIterator.builder(images()).batchSize(8)
                .layout(FeatureLayout.FLAT).shuffle(5).build()),
                (m, i) -> spec.trainingBatchAt(m.getFeatures(0), m.getLabels(0), m.getLabelsMaskArray(0), i));
    }

    @Test
    void associatedLearning() throws IOException {
        AssociatedZooModel spec = AssociatedZooModel.custom(ModelSettings.builder().seed(3).build(), "al-small", false,
                false, s -> {
                    AssociatedLearning.Builder b = AssociatedLearning.builder().inputType(InputType.feedForward(784))
                            .numClasses(10).seed(s.seed()).updater(new Adam(1e-3));
                    for (int i = 0; i < 2; i++) {
                        b.block(AssociatedBlock.builder().layer(new DenseLayer.Builder().nOut(16)
                                .activation(Activation.RELU).build()).targetWidth(12).build());
                    }
                    return b.build();
                }, Activation.RELU);
        assertResumesExactly(spec, () -> Batches.of(ImageDataSetIterator.builder(images()).batchSize(8)
                .layout(FeatureLayout.FLAT).shuffle(5).build()), plain(spec));
    }

    @Test
    void inversionWithLabelMasksAndTheEntropyRamp() throws IOException {
        InversionModel spec = InversionModel.builder(InversionArchitecture.SMALLCNN)
                .settings(ModelSettings.builder().seed(3).build()).pool(InvertibleStep.Pool.MEAN).alpha(0.7).beta(0.2)
                .classBalance(1).build();
        EntropyRamp ramp = new EntropyRamp(5);
        assertResumesExactly(spec, () -> Batches.of(SemiSupervisedIterator.builder(images()).numLabeled(20)
                .batchSize(10).labeledPerBatch(4).layout(FeatureLayout.NCHW).seed(5).build()),
                (m, i) -> spec.trainingBatch(m.getFeatures(0), m.getLabels(0), m.getLabelsMaskArray(0), ramp.factor(i)));
    }
}
