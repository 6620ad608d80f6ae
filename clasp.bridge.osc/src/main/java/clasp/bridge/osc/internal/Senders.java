package clasp.bridge.osc.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reply-to-sender peers: addresses that sent the bridge a packet within the timeout, at most {@code max}, the
 * longest silent forgotten first. Thread-safe: heard on the I/O thread, read on the bridge's strand.
 */
final class Senders {
    private final long timeoutNanos;
    private final int max;
    private final LinkedHashMap<InetSocketAddress, Long> lastHeard = new LinkedHashMap<>(16, 0.75f, true);

    Senders(long timeoutMillis, int max) {
        this.timeoutNanos = timeoutMillis * 1_000_000L;
        this.max = max;
    }

    synchronized void heard(InetSocketAddress sender, long nowNanos) {
        lastHeard.put(sender, nowNanos);
        if (lastHeard.size() > max) {
            Iterator<InetSocketAddress> eldest = lastHeard.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** The senders heard within the timeout; the others are forgotten. */
    synchronized List<InetSocketAddress> current(long nowNanos) {
        List<InetSocketAddress> current = new ArrayList<>(lastHeard.size());
        for (Iterator<Map.Entry<InetSocketAddress, Long>> it = lastHeard.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<InetSocketAddress, Long> e = it.next();
            if (nowNanos - e.getValue() > timeoutNanos) it.remove();
            else current.add(e.getKey());
        }
        return current;
    }
}
