package org.bidizoo.ui.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import org.bidizoo.ui.config.DashboardConfig;
import org.junit.jupiter.api.Test;

/**
 * The server listens on 127.0.0.1 unless told otherwise. On Linux every 127.x.y.z address reaches the
 * loopback interface, so a server bound to every interface answers on 127.0.0.2 and one bound to
 * 127.0.0.1 refuses it.
 */
class BindAddressTest {
    private static final String OTHER_LOOPBACK = "127.0.0.2";

    private static boolean accepts(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        DashboardConfig defaults = DashboardConfig.defaults();
        assertEquals("127.0.0.1", defaults.host());
        try (Dashboard d = Dashboard.start(DashboardServerTest.config(0, null, List.of()))) {
            assertTrue(accepts("127.0.0.1", d.port()));
            assertTrue(!accepts(OTHER_LOOPBACK, d.port()), "a server on 127.0.0.1 must refuse " + OTHER_LOOPBACK);
            assertEquals("127.0.0.1:" + d.port() + " (this machine only)", d.listening());
            assertEquals("http://127.0.0.1:" + d.port() + "/bidizoo", d.url());
            assertEquals(200, Http.get(d.url()).statusCode());
        }
    }

    @Test
    void everyInterfaceOnlyWhenAskedAndSaidSo() throws Exception {
        try (Dashboard d = Dashboard.start(DashboardServerTest.config(0, null, List.of()).withHost("0.0.0.0"))) {
            assertTrue(accepts(OTHER_LOOPBACK, d.port()));
            assertEquals("0.0.0.0:" + d.port() + " (every interface: reachable from other machines)", d.listening());
            assertEquals("http://127.0.0.1:" + d.port() + "/bidizoo", d.url());
        }
    }

    @Test
    void anAddressOfAnotherMachineIsNamed() {
        var e = assertThrows(IllegalStateException.class,
                () -> Dashboard.start(DashboardServerTest.config(9873, null, List.of()).withHost("192.0.2.7")));
        assertTrue(e.getMessage().startsWith("\"host\" = 192.0.2.7: cannot listen there ("), e.getMessage());
    }
}
