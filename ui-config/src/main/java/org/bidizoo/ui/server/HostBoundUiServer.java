package org.bidizoo.ui.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

import org.deeplearning4j.ui.VertxUIServer;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * DL4J's UI server (every route, module and storage hook of {@link VertxUIServer}, unchanged) listening on
 * one chosen address and port.
 *
 * <p>DL4J M2.1's server calls {@code vertx.createHttpServer().listen(port, handler)}, which Vert.x 3.9 binds
 * to {@code 0.0.0.0} (every interface), and offers no option for the address. This verticle hands DL4J's
 * {@code start} a view of its {@link Vertx} whose HTTP servers turn that call into
 * {@code listen(port, host, handler)}; everything else goes to the real Vert.x instance.
 */
final class HostBoundUiServer extends VertxUIServer {
    private final String host;
    private final int port;

    /**
     * @param host the address to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, 0 for any free one
     */
    HostBoundUiServer(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void init(Vertx vertx, Context context) {
        super.init(proxy(vertx, Vertx.class, (real, m, args) -> {
            Object out = m.invoke(real, args);
            return out instanceof HttpServer s && m.getName().equals("createHttpServer") ? boundServer(s) : out;
        }), context);
    }

    /** @return the address this server listens on */
    String host() {
        return host;
    }

    private HttpServer boundServer(HttpServer real) {
        return proxy(real, HttpServer.class, (r, m, args) -> {
            if (m.getName().equals("listen") && args != null && args.length == 2 && args[0] instanceof Integer
                    && args[1] instanceof Handler<?>) {
                @SuppressWarnings("unchecked")
                Handler<AsyncResult<HttpServer>> handler = (Handler<AsyncResult<HttpServer>>) args[1];
                return r.listen(port, host, handler); // DL4J keeps the returned server; the proxy stands in
            }
            return m.invoke(r, args);
        });
    }

    /** A call on the real object, with the method and arguments the proxy received. */
    private interface Call<T> {
        Object on(T real, Method m, Object[] args) throws IllegalAccessException, InvocationTargetException;
    }

    /**
     * @return a proxy implementing every public interface of {@code real}'s class (Vert.x casts to its internal
     *         interfaces), answering through {@code call}
     */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(T real, Class<T> type, Call<T> call) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        interfaces.add(type);
        for (Class<?> c = real.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) {
                    interfaces.add(i);
                }
            }
        }
        InvocationHandler h = (p, m, args) -> {
            if (m.getDeclaringClass() == Object.class && m.getName().equals("equals")) {
                return p == args[0];
            }
            try {
                Object out = call.on(real, m, args);
                return out == real ? p : out; // fluent calls keep going through the proxy
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        Object p = Proxy.newProxyInstance(real.getClass().getClassLoader(), interfaces.toArray(new Class<?>[0]), h);
        return (T) p;
    }
}
