package org.bidizoo.ui.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class DashboardRecordTest {
    @Test
    void roundTripsThroughEveryEncoding() throws Exception {
        DashboardRecord r = new DashboardRecord("s", RecordTypes.TSNE, "w", 123L, 7, "{\"a\":\"\u00e9\"}");
        DashboardRecord a = new DashboardRecord();
        a.decode(r.encode());
        DashboardRecord b = new DashboardRecord();
        ByteBuffer buf = ByteBuffer.allocate(r.encodingLengthBytes() + 5);
        r.encode(buf);
        buf.put(new byte[] {9, 9, 9, 9, 9});
        buf.flip();
        b.decode(buf);
        assertEquals(5, buf.remaining(), "decoding reads exactly the record, nothing after it");
        DashboardRecord c = new DashboardRecord();
        c.decode(new ByteArrayInputStream(r.encode()));
        for (DashboardRecord x : new DashboardRecord[] {a, b, c}) {
            assertEquals("s", x.getSessionID());
            assertEquals(RecordTypes.TSNE, x.getTypeID());
            assertEquals("w", x.getWorkerID());
            assertEquals(123L, x.getTimeStamp());
            assertEquals(7, x.iteration());
            assertEquals("{\"a\":\"\u00e9\"}", x.json());
        }
    }

    @Test
    void foreignBytesAreRefused() {
        DashboardRecord r = new DashboardRecord();
        assertThrows(java.io.UncheckedIOException.class, () -> r.decode(new byte[] {1, 2, 3, 4, 5, 6}));
    }
}
