package clasp.transport.netty;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A listener's connections currently open, so that stopping it can close them. Thread-safe. */
public final class OpenConnections<C extends ChannelConnection> {
    private final Set<C> open = ConcurrentHashMap.newKeySet();

    public void add(C connection) {
        open.add(connection);
    }

    public void remove(C connection) {
        open.remove(connection);
    }

    public void forEach(Consumer<C> action) {
        open.forEach(action);
    }

    public int size() {
        return open.size();
    }

    /** Closes every connection after its queued frames, waits up to {@code grace} for them to close, then drops the rest. */
    public void closeAll(int code, String reason, Duration grace) {
        List<C> closing = List.copyOf(open);
        closing.forEach(c -> c.close(code, reason));
        long deadline = System.nanoTime() + grace.toNanos();
        for (C c : closing) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || !c.closeFuture().awaitUninterruptibly(left)) {
                c.abort();
            }
        }
    }
}
