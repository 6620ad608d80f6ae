package clasp.bridge.support.dmx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The merge of several sources sending one universe (bridges.md §4.5, §5.4). Only the live sources of the highest
 * priority take part (Art-Net has no priority: give all the same). Among them, HTP takes each slot's highest value;
 * LTP takes, per slot, the value of the source that changed that slot last (a source's first packet counts as
 * changing every slot it carries), so two sources repeating unchanged frames as keep-alives do not flicker. Slots a
 * source's frame does not reach count as 0. A source silent for longer than the timeout is dropped by
 * {@link #expire}. Times are nanoseconds of one monotonic clock. Not thread-safe.
 */
public final class SourceMerge {
    /** How slots of equal-priority sources merge. */
    public enum Mode { HTP, LTP }

    private final Mode mode;
    private final long timeoutNanos;
    private final Map<Object, Source> sources = new LinkedHashMap<>();
    private final byte[] output = new byte[SlotAddress.SLOTS];
    private long changes;   // orders slot changes across sources, for LTP

    public SourceMerge(Mode mode, long timeoutNanos) {
        this.mode = mode;
        this.timeoutNanos = timeoutNanos;
    }

    /** A frame of {@code length} slots (data[offset] is slot 1) from {@code source} at {@code priority}. */
    public void receive(Object source, int priority, byte[] data, int offset, int length, long now) {
        Source s = sources.computeIfAbsent(source, k -> new Source());
        int n = Math.min(length, SlotAddress.SLOTS);
        long stamp = ++changes;
        for (int i = 0; i < SlotAddress.SLOTS; i++) {
            byte b = i < n ? data[offset + i] : 0;
            if (!s.heard || s.slots[i] != b) {
                s.slots[i] = b;
                s.changedAt[i] = stamp;
            }
        }
        s.heard = true;
        s.priority = priority;
        s.lastSeen = now;
    }

    /** Drops and returns the sources not heard for longer than the timeout at {@code now}. */
    public List<Object> expire(long now) {
        List<Object> gone = new ArrayList<>();
        sources.entrySet().removeIf(e -> {
            boolean silent = now - e.getValue().lastSeen > timeoutNanos;
            if (silent) gone.add(e.getKey());
            return silent;
        });
        return gone;
    }

    /** Forgets {@code source} at once (an E1.31 stream that terminated). */
    public boolean remove(Object source) { return sources.remove(source) != null; }

    public int size() { return sources.size(); }

    /** The highest priority among the sources, or -1 without any. */
    public int topPriority() {
        int top = -1;
        for (Source s : sources.values()) top = Math.max(top, s.priority);
        return top;
    }

    /** The sources of the highest priority, in the order they were first heard. */
    public List<Object> leaders() {
        int top = topPriority();
        List<Object> leaders = new ArrayList<>();
        for (Map.Entry<Object, Source> e : sources.entrySet()) if (e.getValue().priority == top) leaders.add(e.getKey());
        return leaders;
    }

    /**
     * Writes the merged frame into {@code frame}, calling {@code changed} with each slot whose value that changed.
     * Without sources the frame is left as it is (receivers hold the last look).
     */
    public void mergeInto(DmxFrame frame, IntConsumer changed) {
        if (sources.isEmpty()) return;
        int top = topPriority();
        for (int i = 0; i < SlotAddress.SLOTS; i++) {
            int value = 0;
            long latest = -1;
            for (Source s : sources.values()) {
                if (s.priority != top) continue;
                int v = s.slots[i] & 0xFF;
                if (mode == Mode.HTP) {
                    value = Math.max(value, v);
                } else if (s.changedAt[i] > latest) {
                    latest = s.changedAt[i];
                    value = v;
                }
            }
            output[i] = (byte) value;
        }
        frame.update(output, 0, SlotAddress.SLOTS, changed);
    }

    private static final class Source {
        final byte[] slots = new byte[SlotAddress.SLOTS];
        final long[] changedAt = new long[SlotAddress.SLOTS];
        boolean heard;
        int priority;
        long lastSeen;
    }
}
