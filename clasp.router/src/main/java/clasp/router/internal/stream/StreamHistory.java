package clasp.router.internal.stream;

import clasp.api.SignalType;
import clasp.api.message.PublishMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The last stream PUBLISHes of each stream address, kept for SUBSCRIBE's history option: a ring of {@code depth}
 * messages per address, for at most {@code maxAddresses} addresses (the samples of further addresses are not kept).
 * Memory bound: maxAddresses × depth messages, each no larger than one frame (64 KiB); a typical scalar stream
 * sample is under 100 bytes, so the defaults (16 × 4,096) hold about 6 MB of them. Only PUBLISHes of signal type
 * stream are kept. Threads: any delivery thread records; each ring's monitor guards its slots (a leaf lock).
 */
public final class StreamHistory {
    private volatile int depth;
    private volatile int maxAddresses;
    private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();

    public StreamHistory(int depth, int maxAddresses) {
        this.depth = depth;
        this.maxAddresses = maxAddresses;
    }

    /** New limits; a changed limit starts every history afresh. */
    public void limits(int newDepth, int newMaxAddresses) {
        if (newDepth == depth && newMaxAddresses == maxAddresses) return;
        depth = newDepth;
        maxAddresses = newMaxAddresses;
        rings.clear();
    }

    /** Keeps {@code m} if it is a stream sample (and there is room for its address). */
    public void record(PublishMessage m) {
        int d = depth;
        if (d <= 0 || m.signal() != SignalType.STREAM) return;
        Ring r = rings.get(m.address());
        if (r == null) {
            if (rings.size() >= maxAddresses) return;
            r = rings.computeIfAbsent(m.address(), a -> new Ring(d));
        }
        r.add(m);
    }

    /** The last {@code n} samples of each stream address that {@code matches}: addresses in order, each oldest first. */
    public List<PublishMessage> last(Predicate<String> matches, int n) {
        List<PublishMessage> out = new ArrayList<>();
        if (n <= 0) return out;
        List<String> addresses = new ArrayList<>();
        for (String a : rings.keySet()) if (matches.test(a)) addresses.add(a);
        addresses.sort(null);
        for (String a : addresses) {
            Ring r = rings.get(a);
            if (r != null) r.last(n, out);
        }
        return out;
    }

    public void clear() { rings.clear(); }

    /** Addresses with a history (tests check the bound). */
    public int addresses() { return rings.size(); }

    private static final class Ring {
        private final PublishMessage[] slots;
        private int next;    // where the next sample goes
        private int size;

        Ring(int depth) { slots = new PublishMessage[depth]; }

        synchronized void add(PublishMessage m) {
            slots[next] = m;
            next = (next + 1) % slots.length;
            if (size < slots.length) size++;
        }

        synchronized void last(int n, List<PublishMessage> out) {
            int k = Math.min(n, size);
            for (int i = k; i > 0; i--) out.add(slots[Math.floorMod(next - i, slots.length)]);
        }
    }
}
