package org.bidizoo.datasets.datavec;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.bidizoo.datasets.image.ImageDatasets;
import org.bidizoo.datasets.image.LabeledImages;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.FloatWritable;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;

/**
 * A DataVec {@code RecordReader} over an IDX images/labels pair (MNIST, Fashion-MNIST), so that
 * DL4J's {@code RecordReaderDataSetIterator} works on them:
 * <pre>{@code
 * RecordReader rr = new IdxRecordReader(28, 28, 10);
 * rr.initialize(new CollectionInputSplit(List.of(images.toUri(), labels.toUri())));
 * DataSetIterator it = new RecordReaderDataSetIterator(rr, 64, 784, 10);
 * }</pre>
 * Each record is {@code height*width} pixel values in [0, 1] followed by the class index. The split
 * must hold exactly two locations: the images file, then the labels file (raw or gzip).
 */
public class IdxRecordReader extends BaseRecordReader {
    private static final long serialVersionUID = 1L;

    private int height;
    private int width;
    private int numClasses;
    private transient LabeledImages data;
    private URI imagesUri;
    private int cursor;
    private Configuration conf;

    /** For serialization; configure with the setters. */
    public IdxRecordReader() {
        this(28, 28, 10);
    }

    /**
     * @param height     image height
     * @param width      image width
     * @param numClasses number of classes
     */
    public IdxRecordReader(int height, int width, int numClasses) {
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
    }

    @Override
    public void initialize(InputSplit split) throws IOException {
        URI[] locs = split.locations();
        if (locs == null || locs.length != 2) {
            throw new IllegalArgumentException("split: expected exactly 2 locations (images file, labels file), got "
                    + (locs == null ? 0 : locs.length));
        }
        this.inputSplit = split;
        this.imagesUri = locs[0];
        this.data = ImageDatasets.read(Path.of(locs[0]), Path.of(locs[1]), 1, height, width, numClasses);
        this.cursor = 0;
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) throws IOException {
        setConf(conf);
        initialize(split);
    }

    @Override
    public List<Writable> next() {
        return nextRecord().getRecord();
    }

    @Override
    public boolean hasNext() {
        return data != null && cursor < data.size();
    }

    @Override
    public List<String> getLabels() {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < numClasses; i++) {
            l.add(String.valueOf(i));
        }
        return l;
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("record(URI, stream): an IDX record needs both the images and"
                + " the labels file; use initialize(split) with both");
    }

    @Override
    public Record nextRecord() {
        if (!hasNext()) {
            throw new NoSuchElementException(data == null ? "not initialized: call initialize(split) first"
                    : "no more records; call reset()");
        }
        int i = cursor++;
        return new org.datavec.api.records.impl.Record(toWritables(i),
                new RecordMetaDataIndex(i, imagesUri, IdxRecordReader.class));
    }

    private List<Writable> toWritables(int i) {
        float[] px = data.features(new int[] {i}, org.bidizoo.datasets.image.FeatureLayout.FLAT).data().asFloat();
        List<Writable> out = new ArrayList<>(px.length + 1);
        for (float v : px) {
            out.add(new FloatWritable(v));
        }
        out.add(new IntWritable(data.label(i)));
        return out;
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        if (!(recordMetaData instanceof RecordMetaDataIndex)) {
            throw new IllegalArgumentException("recordMetaData: expected a RecordMetaDataIndex, got "
                    + recordMetaData.getClass().getName());
        }
        int i = (int) ((RecordMetaDataIndex) recordMetaData).getIndex();
        return new org.datavec.api.records.impl.Record(toWritables(i), recordMetaData);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> list) {
        List<Record> out = new ArrayList<>();
        for (RecordMetaData m : list) {
            out.add(loadFromMetaData(m));
        }
        return out;
    }

    @Override
    public void close() {
        data = null;
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    /** @return image height */
    public int getHeight() {
        return height;
    }

    /** @param height image height */
    public void setHeight(int height) {
        this.height = height;
    }

    /** @return image width */
    public int getWidth() {
        return width;
    }

    /** @param width image width */
    public void setWidth(int width) {
        this.width = width;
    }

    /** @return number of classes */
    public int getNumClasses() {
        return numClasses;
    }

    /** @param numClasses number of classes */
    public void setNumClasses(int numClasses) {
        this.numClasses = numClasses;
    }
}
