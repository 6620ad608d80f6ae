package clasp.router.internal;

import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.api.router.Router;
import clasp.api.router.RouterStats;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** The router as a DS component: the Router service for bundles and the ConnectionAcceptor for transports. */
@Component(service = {Router.class, ConnectionAcceptor.class}, configurationPid = "clasp.router")
@Designate(ocd = RouterConfig.class)
public final class RouterComponent implements Router, ConnectionAcceptor {
    private static final ConnectionHandler REFUSED = new ConnectionHandler() {
        @Override public void frameReceived(ByteBuf frame) { }
        @Override public void writable() { }
        @Override public void closed() { }
    };

    private RouterCore core;
    private SessionGate gate;
    private ScheduledExecutorService timer;
    private ExecutorService listeners;

    @Activate
    void activate(RouterConfig config) { start(RouterSettings.of(config)); }

    /** Starts with explicit settings (the component's configuration, or a test's). */
    void start(RouterSettings settings) {
        core = new RouterCore(settings, new MemoryParamStore(), Authorizer.OPEN);
        gate = new SessionGate(settings.maxHandshaking(), settings.maxSessions());
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, named("clasp-router-timer"));
        t.setRemoveOnCancelPolicy(true);
        timer = t;
        listeners = new ThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("clasp-router-local"));
        int timeout = settings.sessionTimeoutSeconds();
        long reapEvery = Math.max(timeout / 4, 10);
        timer.scheduleWithFixedDelay(this::reap, reapEvery, reapEvery, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(core::expire, 60, 60, TimeUnit.SECONDS);
        if (settings.gestureCoalescing()) {
            // Interval 0 holds moves until End; the sweep then only drops gestures left open too long.
            long every = settings.gestureCoalesceIntervalMs() > 0 ? settings.gestureCoalesceIntervalMs() : 1000;
            timer.scheduleWithFixedDelay(core::flushGestures, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        for (Session s : core.sessions()) {
            if (s instanceof NetworkSession n) n.close(Connection.CLOSE_NORMAL, "router stopping");
            else core.remove(s);
        }
        timer.shutdownNow();
        listeners.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            listeners.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** D4: closes sessions idle past the timeout and sessions stalled past the stall bound. */
    void reap() {
        long now = System.nanoTime();
        long idle = core.settings.sessionTimeoutSeconds() * 1_000_000_000L;
        for (Session s : core.sessions()) {
            if (!(s instanceof NetworkSession n)) continue;
            if (idle > 0 && now - n.connection().lastActivityNanos() > idle) n.close(Connection.CLOSE_NORMAL, "idle timeout");
            else if (n.stalled(now)) n.close(Connection.CLOSE_POLICY, "too slow to take its frames");
        }
    }

    @Override
    public ConnectionHandler accept(Connection connection) {
        if (!gate.enter()) {
            connection.close(Connection.CLOSE_TRY_AGAIN_LATER, "too many connections in handshake");
            return REFUSED;
        }
        NetworkSession s = new NetworkSession(core, connection, gate);
        s.helloTimeout(timer.schedule(() -> {
            if (s.awaitingHello()) s.close(Connection.CLOSE_PROTOCOL_ERROR, "no HELLO in time");
        }, core.settings.helloTimeoutSeconds(), TimeUnit.SECONDS));
        return s;
    }

    @Override
    public LocalSession openSession(String name, boolean echo) {
        LocalSessionImpl s = new LocalSessionImpl(core, name, echo, listeners);
        core.register(s);
        return s;
    }

    @Override public Optional<ParamState> param(String address) { return Optional.ofNullable(core.param(address)); }

    @Override public List<ParamState> params(String pattern) { return core.params(pattern); }

    @Override public RouterStats stats() { return core.stats(); }
}
