package org.bidizoo.datasets.datavec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.bidizoo.datasets.idx.IdxFixtures;
import org.bidizoo.datasets.image.FeatureLayout;
import org.bidizoo.datasets.image.ImageDatasets;
import org.bidizoo.datasets.image.LabeledImages;
import org.bidizoo.datasets.iterator.ImageDataSetIterator;
import org.datavec.api.split.CollectionInputSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class IdxRecordReaderTest {
    @TempDir
    Path dir;

    @Test
    void recordReaderDataSetIteratorMatchesOurIterator() throws Exception {
        Path img = IdxFixtures.write(dir.resolve("img.gz"), IdxFixtures.images(7, 5, 5), true);
        Path lab = IdxFixtures.write(dir.resolve("lab"), IdxFixtures.labels(7, 4), false);
        IdxRecordReader rr = new IdxRecordReader(5, 5, 4);
        rr.initialize(new CollectionInputSplit(List.of(img.toUri(), lab.toUri())));
        RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(rr, 3, 25, 4);
        LabeledImages d = ImageDatasets.read(img, lab, 1, 5, 5, 4);
        ImageDataSetIterator ours = ImageDataSetIterator.builder(d).batchSize(3).layout(FeatureLayout.FLAT).build();
        int batches = 0;
        while (it.hasNext()) {
            DataSet a = it.next();
            DataSet b = ours.next();
            assertArrayEquals(b.getFeatures().data().asFloat(), a.getFeatures().data().asFloat(), 1e-7f);
            assertArrayEquals(b.getLabels().data().asFloat(), a.getLabels().data().asFloat(), 0f);
            batches++;
        }
        assertEquals(3, batches);
        it.reset();
        assertEquals(3, it.next().numExamples());
    }

    @Test
    void splitMustNameImagesAndLabels() {
        IdxRecordReader rr = new IdxRecordReader(5, 5, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rr.initialize(new CollectionInputSplit(List.of(URI.create("file:/x")))));
        assertTrue(e.getMessage().contains("expected exactly 2 locations (images file, labels file), got 1"));
    }

    @Test
    void malformedFileIsReportedOnInitialize() throws IOException {
        Path img = IdxFixtures.write(dir.resolve("img"), IdxFixtures.images(7, 5, 4), false);
        Path lab = IdxFixtures.write(dir.resolve("lab"), IdxFixtures.labels(7, 4), false);
        IdxRecordReader rr = new IdxRecordReader(5, 5, 4);
        IOException e = assertThrows(IOException.class,
                () -> rr.initialize(new CollectionInputSplit(List.of(img.toUri(), lab.toUri()))));
        assertTrue(e.getMessage().contains("dimension 2 is 4 but expected 5"), e.getMessage());
    }
}
