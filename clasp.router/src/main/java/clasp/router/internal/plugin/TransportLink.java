package clasp.router.internal.plugin;

import clasp.router.internal.RouterComponent;
import clasp.router.internal.session.TrafficCounters;
import clasp.api.bridge.Bridge;
import clasp.api.router.PluginState;
import clasp.api.router.TransportInfo;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import clasp.protocol.transport.Transport;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's side of one registered {@link Transport}: the acceptor it is opened with, which counts its traffic
 * and refuses connections once the transport is being removed, and its state.
 */
final class TransportLink implements ConnectionAcceptor {
    private static final Logger LOG = LoggerFactory.getLogger(TransportLink.class);

    final String id;
    final String kind;
    private final Transport transport;
    private final RouterComponent router;
    final TrafficCounters counters;
    private volatile PluginState state = PluginState.OPENING;
    private volatile String detail = "opening";
    private volatile String endpoint = "";
    private volatile boolean detached;
    private volatile Future<?> opening;

    TransportLink(RouterComponent router, String id, String kind, Transport transport) {
        this.router = router;
        this.id = id;
        this.kind = kind;
        this.transport = transport;
        this.counters = new TrafficCounters(kind + ":" + id);
    }

    /** Calls {@link Transport#open} on a router thread; the watchdog fails it if open outlasts its timeout. */
    void open(ExecutorService pool, ScheduledExecutorService watchdog) {
        opening = pool.submit(() -> {
            try {
                transport.open(this);
                endpoint = transport.endpoint();
                changeState(PluginState.ONLINE, "listening on " + endpoint);
            } catch (Throwable e) {
                changeState(PluginState.FAILED, "open failed: " + e.getMessage());
                LOG.warn("clasp.router: transport {} failed to open", id, e);
            }
        });
        watchdog.schedule(() -> {
            if (!opening.isDone()) changeState(PluginState.FAILED, "open did not return within " + Bridge.OPEN_TIMEOUT_MS + " ms");
        }, Bridge.OPEN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private void changeState(PluginState next, String why) {
        if (detached) return;
        detail = why;
        if (next != state) {
            state = next;
            LOG.info("clasp.router: transport {} is {}: {}", id, next, why);
        }
    }

    @Override
    public ConnectionHandler accept(Connection connection) {
        if (detached) {
            connection.close(Connection.CLOSE_GOING_AWAY, "transport closing");
            return RouterComponent.REFUSED;
        }
        counters.accepted.increment();
        return router.accept(connection, counters);
    }

    /** Refuses new connections, then calls {@link Transport#close} (after any open still running), bounded. */
    void close(ExecutorService pool) {
        if (detached) return;
        detached = true;
        Future<?> closing = pool.submit(() -> {
            try {
                Future<?> o = opening;
                if (o != null) o.get(Bridge.OPEN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debug("clasp.router: transport {} closing without a finished open: {}", id, e.toString());
            }
            try {
                transport.close();
            } catch (Throwable e) {
                LOG.warn("clasp.router: transport {} threw in close", id, e);
            }
        });
        try {
            closing.get(Bridge.OPEN_TIMEOUT_MS + Bridge.CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            closing.cancel(true);
            LOG.error("clasp.router: transport {} did not close in time", id);
        }
    }

    private String liveEndpoint() {
        try {
            String live = transport.endpoint();
            return live == null || live.isEmpty() ? endpoint : live;
        } catch (RuntimeException e) {
            return endpoint; // a faulty transport keeps the endpoint it opened with
        }
    }

    TransportInfo info() {
        PluginState now = state;
        String where = endpoint;
        String why = detail;
        if (now == PluginState.ONLINE && !detached) {
            where = liveEndpoint(); // a transport may rebind on a configuration change (@Modified)
            why = "listening on " + where;
        }
        return new TransportInfo(id, kind, where, now, why, counters.open.get(), counters.accepted.sum(),
                counters.framesIn.sum(), counters.framesOut.sum());
    }
}
