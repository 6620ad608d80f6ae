package clasp.bridge.mqtt.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * MQTT 3.1.1 loop prevention: what the bridge published to a topic its own subscriptions match comes back to it,
 * and must not become a new write. Each publication is remembered once (topic and payload) and the first message
 * that equals it is dropped as its echo. Bounded: past {@link #LIMIT} remembered publications the oldest is
 * forgotten (its echo, if it still comes, is then written, which rewrites the value CLASP already has).
 * Thread-safe: publications are remembered on the bridge's strand, echoes checked on Paho's callback thread.
 */
final class Echoes {
    static final int LIMIT = 10_000;

    private record Sent(String topic, byte[] payload) { }

    private final ArrayDeque<Sent> sent = new ArrayDeque<>();

    synchronized void published(String topic, byte[] payload) {
        if (sent.size() == LIMIT) sent.removeFirst();
        sent.addLast(new Sent(topic, payload));
    }

    /** True (and forgotten) when this message is the echo of a remembered publication. */
    synchronized boolean isEcho(String topic, byte[] payload) {
        for (Iterator<Sent> it = sent.iterator(); it.hasNext(); ) {
            Sent s = it.next();
            if (s.topic.equals(topic) && Arrays.equals(s.payload, payload)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** Forgets everything: after a reconnect without session nothing sent before can still come back. */
    synchronized void clear() {
        sent.clear();
    }
}
