package clasp.bridge.mqtt.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the bridge publishes to the broker: a bounded queue of messages not yet handed to Paho, the messages
 * handed over but not yet acknowledged (in flight), and the last retained message of every topic the bridge owns.
 *
 * <ul>
 *   <li>Order: messages leave in the order they were queued; after a lost connection the ones in flight go back to
 *       the head of the queue, in their order, and are sent again (at least once).</li>
 *   <li>Overflow: past {@code maxQueued} the oldest queued message is dropped and counted. A dropped retained
 *       message is not lost for good: the last one of its topic is republished at the next {@link #resync}.</li>
 *   <li>Ownership: the bridge owns a topic's retained value from its last retained publication until a message on
 *       that topic comes from the broker ({@link #disown}).</li>
 * </ul>
 * Thread: everything but {@link #owns}/{@link #disown} runs on the bridge's strand; the owned map is concurrent
 * because inbound messages (Paho's callback thread) read and clear it.
 */
final class Outbox {
    /** One message to publish; {@code seq} orders it among all the bridge published. */
    record Out(long seq, String topic, byte[] payload, int qos, boolean retain) { }

    private final int maxQueued;
    private final ArrayDeque<Out> queue = new ArrayDeque<>();
    private final LinkedHashMap<Long, Out> inFlight = new LinkedHashMap<>();
    private final ConcurrentHashMap<String, Out> owned = new ConcurrentHashMap<>();
    private long nextSeq = 1;
    private long dropped;

    Outbox(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    /** Queues a message; returns false when the queue was full and its oldest message was dropped for it. */
    boolean add(String topic, byte[] payload, int qos, boolean retain) {
        Out out = new Out(nextSeq++, topic, payload, qos, retain);
        if (retain) owned.put(topic, out);
        boolean room = queue.size() < maxQueued;
        if (!room) {
            queue.removeFirst();
            dropped++;
        }
        queue.addLast(out);
        return room;
    }

    /** The next message to hand to Paho, now counted in flight; null when none. */
    Out next() {
        Out out = queue.pollFirst();
        if (out != null) inFlight.put(out.seq(), out);
        return out;
    }

    /** Paho did not take {@code out}: it goes back to the head of the queue. */
    void notTaken(Out out) {
        inFlight.remove(out.seq());
        queue.addFirst(out);
    }

    /** The broker acknowledged it (or, QoS 0, it was written). */
    void done(Out out) {
        inFlight.remove(out.seq());
    }

    int inFlight() { return inFlight.size(); }

    int queued() { return queue.size(); }

    long dropped() { return dropped; }

    /** The connection was lost: what was in flight goes back to the head of the queue, in order. */
    void requeueInFlight() {
        List<Out> back = new ArrayList<>(inFlight.values());
        inFlight.clear();
        for (int i = back.size() - 1; i >= 0; i--) queue.addFirst(back.get(i));
    }

    /**
     * After a (re)connect: puts the last retained message of every owned topic that has nothing queued in front
     * of the queue, so that the broker has the bridge's retained state again (a restarted broker may have lost
     * it), and the queue's newer values still come after. Returns how many were added.
     */
    int resync() {
        Set<String> pending = new HashSet<>();
        for (Out q : queue) if (q.retain()) pending.add(q.topic());
        List<Out> again = new ArrayList<>();
        for (Out o : ordered(owned.values())) if (!pending.contains(o.topic())) again.add(o);
        for (int i = again.size() - 1; i >= 0; i--) queue.addFirst(again.get(i));
        return again.size();
    }

    /** Whether the bridge owns {@code topic}'s retained value. Any thread. */
    boolean owns(String topic) {
        return owned.containsKey(topic);
    }

    /** A message on {@code topic} came from the broker: its value is no longer the bridge's to republish. Any thread. */
    void disown(String topic) {
        owned.remove(topic);
    }

    /** The owned retained messages by topic (for tests and status). */
    Map<String, Out> owned() {
        return Map.copyOf(owned);
    }

    private static List<Out> ordered(Collection<Out> outs) {
        List<Out> list = new ArrayList<>(outs);
        list.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return list;
    }
}
