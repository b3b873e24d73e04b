package org.bidizoo.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bidizoo.datasets.corrupt.Corrupted;
import org.bidizoo.datasets.corrupt.Occlusion;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.zoo.model.FeedForwardBaselines;
import org.bidizoo.zoo.model.LmserConv;
import org.bidizoo.zoo.model.LmserDense;
import org.bidizoo.zoo.model.LmserVariant;
import org.bidizoo.zoo.model.ModelSettings;
import org.bidizoo.zoo.train.DataSplits;
import org.bidizoo.zoo.train.Evaluation;
import org.bidizoo.zoo.train.Evaluator;
import org.bidizoo.zoo.train.SavedModels;
import org.bidizoo.zoo.train.TrainedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Short runs of the experiments on the real MNIST files: they learn, and what they report is consistent. */
@Tag("data")
class ExperimentsRealDataTest {
    private static DataSplits data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        data = DataSplits.load("mnist");
    }

    @Test
    void table1RowsImproveWithTrainingAndPngsAreWritten() throws IOException {
        List<LmserTable1.Row> rows = LmserTable1.run(data, ModelSettings.builder().build(), 50, new int[] {20, 200},
                List.of(LmserVariant.UN), tmp);
        assertEquals(2, rows.size());
        assertTrue(rows.get(1).reconMse() < rows.get(0).reconMse(), rows.toString());
        assertTrue(rows.get(1).reconMse() < 0.05, rows.toString());
        assertTrue(Files.size(tmp.resolve("lmser-un-200.png")) > 1000);
    }

    @Test
    void unsupervisedConvLmserLearnsWithItsDefaultLearningRate() {
        // at 1e-3 these collapse to a constant output (test MSE 0.114); the model's default must avoid that
        TrainedModel m = TrainedModel.train(LmserConv.paper(ModelSettings.builder().build(), LmserVariant.UN), data, 300,
                50, 1);
        Evaluation ev = Evaluator.evaluate(m.spec(), m.graph(), data.testIterator(FeatureLayout.NCHW, 1000));
        assertTrue(ev.reconMse() < 0.05, "conv Lmser(un) test MSE after 300 iterations: " + ev.reconMse());
    }

    @Test
    void savedModelReloadsWithItsMetadata() throws IOException {
        TrainedModel m = TrainedModel.train(LmserDense.paper(ModelSettings.builder().build(), LmserVariant.SUP), data, 50,
                50, 1);
        Path f = tmp.resolve("m.zip");
        SavedModels.save(m.spec(), m.graph(), data.name(), f);
        TrainedModel back = TrainedModel.load(f);
        assertEquals("lmser-dense", back.spec().name());
        assertEquals(LmserVariant.SUP, ((LmserDense) back.spec()).variant());
        Evaluation a = Evaluator.evaluate(m.spec(), m.graph(), data.testIterator(FeatureLayout.FLAT, 1000));
        Evaluation b = Evaluator.evaluate(back.spec(), back.graph(), data.testIterator(FeatureLayout.FLAT, 1000));
        assertEquals(a, b);
    }

    @Test
    void fgsmLowersAccuracyAndRecallMeasuresTheHiddenPixels() {
        TrainedModel fcn = TrainedModel.train(FeedForwardBaselines.fcn(ModelSettings.builder().build()), data, 300, 50, 1);
        Fgsm.Result r = Fgsm.attack(fcn.spec(), fcn.graph(), data.testIterator(FeatureLayout.FLAT, 500), 0.3,
                Fgsm.Loss.LABEL);
        assertTrue(r.cleanAccuracy() > 0.8, "clean " + r.cleanAccuracy());
        assertTrue(r.adversarialAccuracy() < r.cleanAccuracy() - 0.3, "adversarial " + r.adversarialAccuracy());

        TrainedModel ae = TrainedModel.train(LmserDense.paper(ModelSettings.builder().build(), LmserVariant.UN_N), data,
                300, 50, 1);
        int[] idx = new int[200];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        INDArray x = data.test().features(idx, FeatureLayout.FLAT);
        Corrupted c = Occlusion.lowerHalf28().apply(x, 1);
        INDArray recalled = Recall.recall(ae.spec(), ae.graph(), c, 1);
        double recallMse = c.maskedMse(recalled, x);
        double zeroMse = c.maskedMse(c.input(), x);
        assertTrue(recallMse < zeroMse, "recall " + recallMse + " vs leaving the box empty " + zeroMse);
    }
}
