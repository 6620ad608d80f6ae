package clasp.bridge.artnet.internal;

import clasp.bridge.support.dmx.DmxFrame;
import clasp.bridge.support.dmx.Pacer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;

/**
 * The sending side (bridges.md §4.5): each universe's 512 slots ({@link DmxFrame}) and its pace ({@link Pacer}): a
 * change goes out at once, or, when the universe went out less than 1/44 s ago, once that time has passed with every
 * change made meanwhile; an unchanged universe goes out again every keep-alive interval. Every ArtDmx carries the
 * universe's next sequence number, 1-255 then 1 again (0 means "not sequenced" and is skipped). The universes due
 * at one time go out as one batch, followed by an ArtSync when configured. Nothing goes out before {@link #start},
 * so that what is set first (the router's current values) makes the first frame.
 *
 * <p>Owned by the bridge's strand: every method runs there, and so do the tasks it schedules. Only
 * {@link #universes()} may be read from any thread.
 */
final class Transmitter {
    /** Where the packets go. */
    interface Output {
        /** One ArtDmx of {@code universe} with these 512 slots (read during the call only). */
        void dmx(int universe, int sequence, byte[] slots);

        /** One ArtSync after a batch. */
        void sync();
    }

    /** The strand the transmitter runs on. */
    interface Strand {
        /** Runs {@code task} after what is queued. */
        void execute(Runnable task);

        /** Runs {@code task} after {@code delayNanos}. */
        ScheduledFuture<?> schedule(Runnable task, long delayNanos);
    }

    private final UniverseSet outputs;
    private final long keepAliveNanos;
    private final boolean artSync;
    private final LongSupplier nanoTime;
    private final Strand strand;
    private final Output output;
    private final Map<Integer, Outgoing> universes = new TreeMap<>();
    private boolean started;
    private boolean tickQueued;
    private ScheduledFuture<?> wakeup;
    private long wakeupAt;
    private long frames;
    private volatile List<Integer> sending = List.of();

    private static final class Outgoing {
        final int universe;
        final DmxFrame frame = new DmxFrame();
        final Pacer pacer;
        int sequence;

        Outgoing(int universe, long keepAliveNanos) {
            this.universe = universe;
            this.pacer = new Pacer(Pacer.MIN_INTERVAL_NANOS, keepAliveNanos);
        }
    }

    Transmitter(UniverseSet outputs, long keepAliveNanos, boolean artSync, LongSupplier nanoTime, Strand strand,
                Output output) {
        this.outputs = outputs;
        this.keepAliveNanos = keepAliveNanos;
        this.artSync = artSync;
        this.nanoTime = nanoTime;
        this.strand = strand;
        this.output = output;
    }

    /**
     * Sets slot {@code slot} of {@code universe} to {@code value} (0-255); false when the universe is not one the
     * bridge sends. A universe set for the first time is sent even when the value leaves its frame as it was (0).
     */
    boolean set(int universe, int slot, int value) {
        if (!outputs.contains(universe)) return false;
        Outgoing o = universes.get(universe);
        boolean fresh = o == null;
        if (fresh) o = add(universe);
        if (o.frame.set(slot, value) || fresh) {
            o.pacer.changed();
            if (started) plan(o);
        }
        return true;
    }

    /** Starts sending: the listed output universes and every universe set so far go out now. */
    void start() {
        started = true;
        for (int universe : outputs.listed()) {
            if (!universes.containsKey(universe)) add(universe);
        }
        tickSoon();
    }

    /** The universes being sent, in order; any thread. */
    List<Integer> universes() { return sending; }

    /** ArtDmx packets sent so far. */
    long frames() { return frames; }

    private Outgoing add(int universe) {
        Outgoing o = new Outgoing(universe, keepAliveNanos);
        universes.put(universe, o);
        sending = List.copyOf(new ArrayList<>(universes.keySet()));
        return o;
    }

    private void plan(Outgoing o) {
        long now = nanoTime.getAsLong();
        long delay = o.pacer.delay(now);
        if (delay <= 0) tickSoon();
        else wakeAt(now + delay);
    }

    /** A tick after the calls already queued on the strand, so that a burst of SETs goes out as one batch. */
    private void tickSoon() {
        if (tickQueued) return;
        tickQueued = true;
        strand.execute(this::tick);
    }

    /** Sends every universe that is due, then waits for the next one. */
    void tick() {
        tickQueued = false;
        if (wakeup != null) {
            wakeup.cancel(false);
            wakeup = null;
        }
        long now = nanoTime.getAsLong();
        int sent = 0;
        long next = Long.MAX_VALUE;
        for (Outgoing o : universes.values()) {
            if (o.pacer.due(now)) {
                o.sequence = o.sequence % 255 + 1;
                output.dmx(o.universe, o.sequence, o.frame.slots());
                o.pacer.sent(now);
                frames++;
                sent++;
            }
            next = Math.min(next, o.pacer.delay(now));
        }
        if (sent > 0 && artSync) output.sync();
        if (next != Long.MAX_VALUE) wakeAt(now + next);
    }

    private void wakeAt(long at) {
        if (wakeup != null && wakeupAt <= at) return;
        if (wakeup != null) wakeup.cancel(false);
        wakeupAt = at;
        wakeup = strand.schedule(this::tick, Math.max(0, at - nanoTime.getAsLong()));
    }
}
