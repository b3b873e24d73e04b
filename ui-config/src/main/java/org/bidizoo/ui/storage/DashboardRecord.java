package org.bidizoo.ui.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.deeplearning4j.core.storage.Persistable;

/**
 * One dashboard update (a reconstruction gallery, t-SNE maps, local losses) as DL4J's {@code StatsStorage}
 * keeps it: session, type, worker, time, the training iteration and a JSON payload. Works with the
 * in-memory and file storages and with the remote router (which rebuild it by class name).
 */
public final class DashboardRecord implements Persistable {
    private static final long serialVersionUID = 1L;
    private static final int MAGIC = 0x42445a31; // "BDZ1"

    private String sessionId;
    private String typeId;
    private String workerId;
    private long timestamp;
    private int iteration;
    private String json;

    /** For DL4J's storages, which create an empty record and then {@code decode} it. */
    public DashboardRecord() {
    }

    /**
     * @param sessionId training session
     * @param typeId    one of {@link RecordTypes}
     * @param workerId  worker (one per JVM)
     * @param timestamp epoch milliseconds
     * @param iteration training iteration
     * @param json      the payload, a JSON object
     */
    public DashboardRecord(String sessionId, String typeId, String workerId, long timestamp, int iteration, String json) {
        this.sessionId = sessionId;
        this.typeId = typeId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.iteration = iteration;
        this.json = json;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return typeId;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    /** @return the training iteration */
    public int iteration() {
        return iteration;
    }

    /** @return the JSON payload */
    public String json() {
        return json;
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream outputStream) throws IOException {
        DataOutputStream out = new DataOutputStream(outputStream);
        out.writeInt(MAGIC);
        out.writeUTF(sessionId);
        out.writeUTF(typeId);
        out.writeUTF(workerId);
        out.writeLong(timestamp);
        out.writeInt(iteration);
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    @Override
    public void decode(byte[] decode) {
        try {
            decode(new ByteArrayInputStream(decode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        try {
            decode(new InputStream() {
                @Override
                public int read() {
                    return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void decode(InputStream inputStream) throws IOException {
        DataInputStream in = new DataInputStream(inputStream);
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("not a bidizoo dashboard record (magic " + Integer.toHexString(magic) + ")");
        }
        sessionId = in.readUTF();
        typeId = in.readUTF();
        workerId = in.readUTF();
        timestamp = in.readLong();
        iteration = in.readInt();
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        json = new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DashboardRecord[" + typeId + ", session " + sessionId + ", iteration " + iteration + ", "
                + json.length() + " chars]";
    }
}
