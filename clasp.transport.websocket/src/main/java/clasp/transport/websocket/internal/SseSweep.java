package clasp.transport.websocket.internal;

import clasp.protocol.transport.Connection;
import clasp.transport.netty.OpenConnections;
import clasp.transport.netty.Refusals;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every interval, for each SSE client: a heartbeat comment, or, for a client not writable at two sweeps in a row
 * (more than {@code sseMaxQueuedBytes} waiting for it all along), a close as too slow, counted. One timer for the
 * listener, on the executor given to {@link #start}.
 */
final class SseSweep {
    private final OpenConnections<SseConnection> connections;
    private final int intervalSeconds;
    private final Refusals<WebSocketRefusal> refusals;
    private ScheduledFuture<?> sweeps;

    SseSweep(OpenConnections<SseConnection> connections, int intervalSeconds, Refusals<WebSocketRefusal> refusals) {
        this.connections = connections;
        this.intervalSeconds = intervalSeconds;
        this.refusals = refusals;
    }

    /** Starts the sweeps, unless they are off (interval 0). */
    void start(ScheduledExecutorService executor) {
        if (intervalSeconds > 0) {
            sweeps = executor.scheduleAtFixedRate(this::sweep, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        }
    }

    private void sweep() {
        connections.forEach(c -> {
            if (!c.isOpen()) {
                return;   // closing: it leaves the set when its socket closes
            }
            if (c.stalledAgain()) {
                refusals.count(WebSocketRefusal.SSE_SLOW_READER);
                c.closeNow(Connection.CLOSE_POLICY, "too slow to read");
            } else {
                c.heartbeat();
            }
        });
    }

    void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }
}
