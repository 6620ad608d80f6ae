package clasp.bridge.sacn.internal;

import clasp.api.Value;
import clasp.bridge.support.dmx.DmxFrame;
import clasp.bridge.support.dmx.SlotValues;
import clasp.bridge.support.dmx.SourceMerge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What one instance receives (bridges.md §5.4): per input universe the sources heard, keyed by CID, each with its
 * last sequence number; a packet whose sequence is in (−20, 0] behind its source's last is out of order and dropped.
 * The live sources merge ({@link SourceMerge}: the highest priority, then HTP or LTP among equals); each slot the
 * merge changes is written as {@code SET {ns}/{U}/{slot}}. A source not heard for 2.5 s, or one that sends the
 * terminated bit, is gone at once; the merge falls back to the others, and when none is left the slots keep their
 * last values. {@code {ns}/{U}/_source} holds the leading source as Map{name, cid, priority} (the first heard among
 * the highest priority; Null when none is left) and {@code {ns}/{U}/_active} whether any source is live; both are
 * written only when they change. Preview packets are dropped unless accepted, packets with a start code other than 0
 * are dropped (counted), packets of the instance's own CID and of other universes are ignored. Universe discovery
 * lists received are kept per source until 30 s without one.
 *
 * <p>Owned by the instance's I/O thread (packets and the expiry timer arrive there); times are nanoseconds of one
 * monotonic clock, given by the caller. Only {@link #sources()} and {@link #discovered()} may be read from other
 * threads. Not thread-safe otherwise.
 */
final class Receiver {
    /** Where the receiver writes (the bridge's session). */
    interface Writer {
        void set(String address, Value value);
    }

    private static final long DISCOVERY_TIMEOUT_NANOS = 3 * E131.DISCOVERY_INTERVAL_NANOS;

    private final String namespace;
    private final SourceMerge.Mode mode;
    private final boolean acceptPreview;
    private final SlotValues values;
    private final UUID ownCid;
    private final Writer writer;
    private final Map<Integer, Universe> universes = new TreeMap<>();
    private final Map<UUID, Discovered> discovered = new LinkedHashMap<>();
    private volatile int sourceCount;
    private volatile String discoveredText = "";

    Receiver(String namespace, Set<Integer> inputs, SourceMerge.Mode mode, boolean acceptPreview, SlotValues values,
             UUID ownCid, Writer writer) {
        this.namespace = namespace;
        this.mode = mode;
        this.acceptPreview = acceptPreview;
        this.values = values;
        this.ownCid = ownCid;
        this.writer = writer;
        for (int u : inputs) universes.put(u, new Universe(u));
    }

    /** Takes a data packet at {@code now}; returns why it was dropped, or null when it was used or ignored. */
    String receive(E131Packet.Data p, long now) {
        if (p.cid().equals(ownCid)) return null;   // our own multicast, looped back
        Universe u = universes.get(p.universe());
        if (u == null) return null;                // another universe (the host joined its group for someone else)
        Source s = u.sources.get(p.cid());
        if (s != null) {
            int behind = (byte) (p.sequence() - s.sequence);
            if (behind <= 0 && behind > -E131.SEQUENCE_WINDOW) {
                return "out of order: sequence " + p.sequence() + " after " + s.sequence + " from " + who(p) + " on universe " + p.universe();
            }
        }
        if (p.terminated()) {
            if (s != null) u.drop(p.cid());
            return null;
        }
        if (s == null) {
            s = new Source();
            u.sources.put(p.cid(), s);
        }
        s.sequence = p.sequence();
        s.lastHeard = now;
        if (p.preview() && !acceptPreview) return "preview data from " + who(p) + " on universe " + p.universe();
        if (p.startCode() != 0) {
            return "start code 0x" + Integer.toHexString(p.startCode()) + " from " + who(p) + " on universe " + p.universe();
        }
        s.name = p.sourceName();
        s.priority = p.priority();
        u.merge.receive(p.cid(), p.priority(), p.slots(), 0, p.slots().length, now);
        u.publish();
        return null;
    }

    private static String who(E131Packet.Data p) { return "'" + p.sourceName() + "' " + p.cid(); }

    /** Takes one page of a source's universe discovery list. */
    void discovery(E131Packet.Discovery p, long now) {
        if (p.cid().equals(ownCid)) return;
        Discovered d = discovered.computeIfAbsent(p.cid(), k -> new Discovered());
        d.name = p.sourceName();
        d.lastHeard = now;
        if (p.page() == 0) d.collecting.clear();
        for (int u : p.universes()) d.collecting.add(u);
        if (p.page() == p.lastPage()) {
            d.universes = List.copyOf(d.collecting);
            d.collecting.clear();
            summarise();
        }
    }

    /** Drops the sources silent for longer than the timeout at {@code now}, and forgets stale discovery lists. */
    void expire(long now) {
        for (Universe u : universes.values()) {
            // a source that sent only preview or other start codes is not in the merge: its sequence goes too
            u.sources.values().removeIf(s -> now - s.lastHeard > E131.SOURCE_TIMEOUT_NANOS);
            if (!u.merge.expire(now).isEmpty()) u.publish();
        }
        if (discovered.values().removeIf(d -> now - d.lastHeard > DISCOVERY_TIMEOUT_NANOS)) summarise();
    }

    /** The sources live on all input universes together. */
    int sources() { return sourceCount; }

    /** The discovery lists heard lately, "name: 1-4, 7; other: 2", or empty. */
    String discovered() { return discoveredText; }

    private void summarise() {
        List<String> parts = new ArrayList<>();
        for (Discovered d : discovered.values()) {
            if (d.universes != null) parts.add(d.name + ": " + Universes.format(d.universes));
        }
        discoveredText = String.join("; ", parts);
    }

    private void countSources() {
        int n = 0;
        for (Universe u : universes.values()) n += u.merge.size();
        sourceCount = n;
    }

    private static final class Source {
        String name = "";
        int priority;
        int sequence;
        long lastHeard;
    }

    private static final class Discovered {
        String name;
        long lastHeard;
        final List<Integer> collecting = new ArrayList<>();
        List<Integer> universes;
    }

    private final class Universe {
        final int number;
        final SourceMerge merge = new SourceMerge(mode, E131.SOURCE_TIMEOUT_NANOS);
        final DmxFrame frame = new DmxFrame();
        final Map<UUID, Source> sources = new HashMap<>();
        Value leader = Value.ofNull();
        boolean active;

        Universe(int number) {
            this.number = number;
        }

        void drop(UUID cid) {
            sources.remove(cid);
            merge.remove(cid);
            publish();
        }

        /** Writes the slots the merge changed, then {@code _source} and {@code _active} if they changed. */
        void publish() {
            merge.mergeInto(frame, slot -> writer.set(namespace + '/' + number + '/' + slot, values.toClasp(frame.get(slot))));
            List<Object> leaders = merge.leaders();
            Value now = Value.ofNull();
            if (!leaders.isEmpty()) {
                UUID cid = (UUID) leaders.get(0);
                Source s = sources.get(cid);   // a merged source is always among the sources (expired together)
                Map<String, Value> map = new LinkedHashMap<>();   // in this order, for people reading it
                map.put("name", Value.of(s.name));
                map.put("cid", Value.of(cid.toString()));
                map.put("priority", Value.of((long) s.priority));
                now = Value.of(map);
            }
            if (!now.equals(leader)) {
                leader = now;
                writer.set(namespace + '/' + number + "/_source", now);
            }
            boolean live = merge.size() > 0;
            if (live != active) {
                active = live;
                writer.set(namespace + '/' + number + "/_active", Value.of(live));
            }
            countSources();
        }
    }
}
