package clasp.transport.websocket.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The upgraded connections currently open, so deactivation can close them. */
final class OpenConnections {
    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();

    void add(WebSocketConnection connection) {
        open.add(connection);
    }

    void remove(WebSocketConnection connection) {
        open.remove(connection);
    }

    void forEach(Consumer<WebSocketConnection> action) {
        open.forEach(action);
    }

    int size() {
        return open.size();
    }

    /** Sends every connection a close frame, waits up to {@code grace} for them to close, then drops the rest. */
    void closeAll(int code, String reason, Duration grace) {
        List<WebSocketConnection> closing = List.copyOf(open);
        closing.forEach(c -> c.close(code, reason));
        long deadline = System.nanoTime() + grace.toNanos();
        for (WebSocketConnection c : closing) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || !c.closeFuture().awaitUninterruptibly(left)) {
                c.abort();
            }
        }
    }
}
