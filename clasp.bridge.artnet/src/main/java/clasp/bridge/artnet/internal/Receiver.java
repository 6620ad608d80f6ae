package clasp.bridge.artnet.internal;

import clasp.bridge.support.dmx.DmxFrame;
import clasp.bridge.support.dmx.SourceMerge;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The receiving side (bridges.md §4.5): ArtDmx from any source for the input universes. Per source (IP address) and
 * universe, a packet whose sequence is one of the 127 before the last one accepted from that source is late and
 * dropped (the Art-Net convention; sequence 0 means "not sequenced" and is always taken; a source silent for a
 * second starts afresh, as after a restart). The frames of the sources of a universe merge HTP or LTP
 * ({@link SourceMerge}); a source silent for the source timeout leaves the merge, and the others' values take its
 * place. Every slot whose merged value changed is handed to the {@link Slots} callback. At most
 * {@value #MAX_SOURCES} sources per universe and {@value #MAX_UNIVERSES} universes are kept, so that stray
 * traffic cannot exhaust memory. Times are nanoseconds of one monotonic clock.
 *
 * <p>Owned by the bridge's I/O thread.
 */
final class Receiver {
    static final int MAX_SOURCES = 8;
    static final int MAX_UNIVERSES = 1024;
    /** Packets reorder within milliseconds; a source whose last packet is older than this starts a new sequence. */
    private static final long SEQUENCE_MEMORY_NANOS = 1_000_000_000L;

    /** Where changed slots go. */
    interface Slots {
        void changed(int universe, int slot, int value);
    }

    private final UniverseSet inputs;
    private final SourceMerge.Mode mode;
    private final long sourceTimeoutNanos;
    private final LongSupplier nanoTime;
    private final Slots slots;
    private final Map<Integer, Incoming> universes = new TreeMap<>();
    private volatile List<Integer> heard = List.of();

    private static final class Incoming {
        final SourceMerge merge;
        final DmxFrame frame = new DmxFrame();
        final Map<InetAddress, Sequence> sequences = new HashMap<>();

        Incoming(SourceMerge merge) {
            this.merge = merge;
        }
    }

    private static final class Sequence {
        int last;
        long at;
    }

    Receiver(UniverseSet inputs, SourceMerge.Mode mode, long sourceTimeoutNanos, LongSupplier nanoTime, Slots slots) {
        this.inputs = inputs;
        this.mode = mode;
        this.sourceTimeoutNanos = sourceTimeoutNanos;
        this.nanoTime = nanoTime;
        this.slots = slots;
    }

    /** Takes one ArtDmx from {@code source}; returns null when it was taken, else why it was dropped. */
    String receive(InetAddress source, ArtDmx dmx) {
        int universe = dmx.portAddress();
        if (!inputs.contains(universe)) return null;   // not one of ours: ignored, not a fault
        long now = nanoTime.getAsLong();
        Incoming in = universes.get(universe);
        if (in == null) {
            if (universes.size() >= MAX_UNIVERSES) return "universe " + universe + ": already " + MAX_UNIVERSES + " universes";
            in = new Incoming(new SourceMerge(mode, sourceTimeoutNanos));
            universes.put(universe, in);
            heard = List.copyOf(universes.keySet());
        }
        Sequence sequence = in.sequences.get(source);
        if (sequence == null) {
            if (in.sequences.size() >= MAX_SOURCES) {
                return "universe " + universe + ": already " + MAX_SOURCES + " sources, " + source.getHostAddress() + " ignored";
            }
            sequence = new Sequence();
            in.sequences.put(source, sequence);
        } else if (late(sequence, dmx.sequence(), now)) {
            return "universe " + universe + ": sequence " + dmx.sequence() + " after " + sequence.last + " from "
                    + source.getHostAddress() + " is late";
        }
        if (dmx.sequence() != 0) sequence.last = dmx.sequence();
        sequence.at = now;
        in.merge.receive(source, 0, dmx.data(), 0, dmx.data().length, now);
        emit(universe, in);
        return null;
    }

    private static boolean late(Sequence s, int sequence, long now) {
        if (sequence == 0 || s.last == 0 || now - s.at > SEQUENCE_MEMORY_NANOS) return false;
        int behind = (s.last - sequence) & 0xFF;
        return behind >= 1 && behind <= 127;
    }

    /** Drops the sources silent for longer than the source timeout; the merge of what remains takes their place. */
    void expire() {
        long now = nanoTime.getAsLong();
        for (Map.Entry<Integer, Incoming> e : universes.entrySet()) {
            Incoming in = e.getValue();
            List<Object> gone = in.merge.expire(now);
            if (gone.isEmpty()) continue;
            in.sequences.keySet().removeAll(gone);
            emit(e.getKey(), in);
        }
    }

    private void emit(int universe, Incoming in) {
        in.merge.mergeInto(in.frame, slot -> slots.changed(universe, slot, in.frame.get(slot)));
    }

    /** The universes received so far, in order; any thread. */
    List<Integer> heard() { return heard; }

    /** What node mode reports for an output port: whether the universe has a source now, and whether it merges. */
    record State(boolean receiving, boolean merging) { }

    /** The universes received so far and their state, in order. */
    Map<Integer, State> universes() {
        Map<Integer, State> states = new TreeMap<>();
        universes.forEach((u, in) -> states.put(u, new State(in.merge.size() > 0, in.merge.size() > 1)));
        return states;
    }
}
