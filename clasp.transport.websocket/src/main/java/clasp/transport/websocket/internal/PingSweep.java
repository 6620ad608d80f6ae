package clasp.transport.websocket.internal;

import clasp.transport.netty.OpenConnections;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The listener's WebSocket pings (never CLASP PING, router-semantics D4): one timer for every connection instead of
 * one per connection, so a handshake schedules nothing for pings and an idle session holds no timer. Every interval
 * each open connection gets one ping on its own event loop; a connection's first ping comes within one interval of
 * its upgrade. Runs on the executor given to {@link #start}.
 */
final class PingSweep {
    private final OpenConnections<WebSocketConnection> connections;
    private final int intervalSeconds;
    private ScheduledFuture<?> sweeps;

    PingSweep(OpenConnections<WebSocketConnection> connections, int intervalSeconds) {
        this.connections = connections;
        this.intervalSeconds = intervalSeconds;
    }

    /** Starts the sweeps, unless pings are off (interval 0). */
    void start(ScheduledExecutorService executor) {
        if (intervalSeconds > 0) {
            sweeps = executor.scheduleAtFixedRate(() -> connections.forEach(WebSocketConnection::ping),
                    intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        }
    }

    void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }
}
