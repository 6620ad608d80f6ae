package clasp.bridge.sacn.internal;

import clasp.bridge.support.dmx.DmxFrame;
import clasp.bridge.support.dmx.Pacer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * What one instance sends (bridges.md §5.4): per output universe its 512 slots ({@link DmxFrame}), when it goes out
 * ({@link Pacer}: a change at once or coalesced to at most 44 packets a second, an unchanged universe again every
 * second) and its sequence number, 0-255 wrapping; a synchronisation packet after every batch when a sync universe is
 * set; three packets with the terminated bit when a universe's stream ends.
 *
 * <p>Sequence numbers. A stream the previous instance of the same source (CID) sent goes on from the number that
 * instance would have sent next, so receivers see no gap. A stream without that history starts at a random number,
 * and its first packet goes twice: at s, then at s + 20. A receiver still holding an older stream of this CID at
 * some number L discards a packet whose difference to L is in (−20, 0]; if it discards s for that reason, s + 20 is
 * 1 to 20 ahead of L and accepted, so no restart of the source is ever discarded for longer than one packet.
 *
 * <p>Owned by the bridge's strand; times are nanoseconds of one monotonic clock, given by the caller. Not
 * thread-safe.
 */
final class Sender {
    private final UUID cid;
    private final String sourceName;
    private final int priority;
    private final int syncUniverse;
    private final Map<Integer, Integer> resumed;
    private final IntSupplier freshSequence;
    private final Map<Integer, Output> outputs = new TreeMap<>();
    private int syncSequence = -1;
    private boolean syncJump;

    /**
     * @param resumed       the next sequence number per universe (the sync universe too) of this CID's previous instance
     * @param freshSequence the first sequence number of a stream without history (0-255)
     */
    Sender(UUID cid, String sourceName, int priority, int syncUniverse, Map<Integer, Integer> resumed, IntSupplier freshSequence) {
        this.cid = cid;
        this.sourceName = sourceName;
        this.priority = priority;
        this.syncUniverse = syncUniverse;
        this.resumed = Map.copyOf(resumed);
        this.freshSequence = freshSequence;
    }

    UUID cid() { return cid; }

    /** Sets slot {@code slot} of {@code universe} to {@code value} (0-255), starting the universe's stream; true when that changed the universe. */
    boolean set(int universe, int slot, int value) {
        Output o = output(universe);
        if (!o.frame.set(slot, value)) return false;
        o.pacer.changed();
        return true;
    }

    /** Starts sending {@code universe} (with its slots as they are) if it is not sent yet. */
    void start(int universe) { output(universe); }

    private Output output(int universe) {
        return outputs.computeIfAbsent(universe, Output::new);
    }

    /** The universes being sent, ascending. */
    Set<Integer> universes() { return outputs.keySet(); }

    /** The data packets due at {@code now}, in universe order; each is then counted as sent at {@code now}. */
    List<E131Packet.Data> due(long now) {
        List<E131Packet.Data> batch = new ArrayList<>();
        for (Output o : outputs.values()) {
            if (!o.pacer.due(now)) continue;
            batch.add(o.packet(0));
            if (o.jump) {
                o.jump = false;
                o.sequence = (o.sequence + E131.SEQUENCE_WINDOW - 1) & 0xFF;   // the next packet is 20 after the first
                batch.add(o.packet(0));
            }
            o.pacer.sent(now);
            o.sent = true;
        }
        return batch;
    }

    /** The synchronisation packets that follow a batch (none without a sync universe): one, or two the first time (see the class comment). */
    List<E131Packet.Sync> sync() {
        if (syncUniverse == 0) return List.of();
        if (syncSequence < 0) {
            Integer next = resumed.get(syncUniverse);
            syncJump = next == null;
            syncSequence = next != null ? next : freshSequence.getAsInt() & 0xFF;
        }
        List<E131Packet.Sync> out = new ArrayList<>(2);
        out.add(new E131Packet.Sync(cid, syncSequence, syncUniverse));
        syncSequence = (syncSequence + 1) & 0xFF;
        if (syncJump) {
            syncJump = false;
            syncSequence = (syncSequence + E131.SEQUENCE_WINDOW - 1) & 0xFF;
            out.add(new E131Packet.Sync(cid, syncSequence, syncUniverse));
            syncSequence = (syncSequence + 1) & 0xFF;
        }
        return out;
    }

    /** Nanoseconds from {@code now} until the next packet is due (0: now), or -1 when nothing is sent. */
    long delay(long now) {
        long min = -1;
        for (Output o : outputs.values()) {
            long d = Math.max(0, o.pacer.delay(now));
            if (min < 0 || d < min) min = d;
        }
        return min;
    }

    /** Ends {@code universe}'s stream: three packets with the terminated bit (none if it was not sent). */
    List<E131Packet.Data> terminate(int universe) {
        Output o = outputs.remove(universe);
        if (o == null || !o.sent) return List.of();
        List<E131Packet.Data> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) out.add(o.packet(E131.OPTION_TERMINATED));
        return out;
    }

    /**
     * The sequence number each stream that went out would send next (data universes and the sync universe): what a
     * successor resumes from.
     */
    Map<Integer, Integer> nextSequences() {
        Map<Integer, Integer> next = new HashMap<>();
        for (Output o : outputs.values()) if (o.sent) next.put(o.universe, o.sequence);
        if (syncSequence >= 0) next.put(syncUniverse, syncSequence);
        return next;
    }

    /** A copy of the slots of each universe that went out at least once. */
    Map<Integer, byte[]> sentFrames() {
        Map<Integer, byte[]> frames = new TreeMap<>();
        for (Output o : outputs.values()) if (o.sent) frames.put(o.universe, o.frame.copy());
        return frames;
    }

    private final class Output {
        final int universe;
        final DmxFrame frame = new DmxFrame();
        final Pacer pacer = new Pacer(Pacer.MIN_INTERVAL_NANOS, Pacer.KEEP_ALIVE_NANOS);
        int sequence;
        boolean jump;
        boolean sent;

        Output(int universe) {
            this.universe = universe;
            Integer next = resumed.get(universe);
            jump = next == null;
            sequence = next != null ? next : freshSequence.getAsInt() & 0xFF;
        }

        E131Packet.Data packet(int options) {
            E131Packet.Data d = new E131Packet.Data(cid, sourceName, priority, syncUniverse, sequence, options, universe, 0,
                    frame.copy());
            sequence = (sequence + 1) & 0xFF;
            return d;
        }
    }
}
