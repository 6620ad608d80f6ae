package clasp.router.internal.metrics;

import clasp.api.message.MessageType;
import clasp.api.router.RouterMetrics;
import clasp.protocol.ClaspCodec;
import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the router counts for {@link RouterMetrics}: network frames and bytes in and out by message type (read from the
 * frame's type byte, so an undecodable frame counts too), messages handed to sessions, deliveries dropped and SETs or
 * moves coalesced by reason, ERROR frames sent by code, and accepted handshakes. Any thread updates them; each update is
 * an array index and a {@link LongAdder} add (no lock, no map, no allocation); a snapshot sums them.
 */
public final class RouterCounters {
    /** Why a delivery to a session was dropped. */
    public enum Drop {
        /** A non-SET broadcast to a network session whose connection was not taking frames (SETs are held instead). */
        CONGESTED("congested"),
        /** A param or stream value within a subscription's epsilon of the last one sent. */
        EPSILON("epsilon"),
        /** A message for a local session whose queue was at its limit. */
        LOCAL_QUEUE("local-queue");

        public final String label;

        Drop(String label) { this.label = label; }
    }

    /** Why a message was replaced by a newer one before it left. */
    public enum Coalesce {
        /** A held SET replaced by a newer SET to the same address while the connection was not taking frames. */
        CONGESTED("congested"),
        /** A held gesture move replaced by a newer move of the same gesture (§7.3). */
        GESTURE("gesture"),
        /** A message held back by a subscription's maxRate replaced by a newer one before its trailing edge. */
        MAX_RATE("max-rate");

        public final String label;

        Coalesce(String label) { this.label = label; }
    }

    /** The label of frames whose type byte is no message type (broken or legacy MessagePack frames). */
    public static final String UNKNOWN_TYPE = "UNKNOWN";
    /** ERROR codes counted one by one: 0 up to this (exclusive); others are counted under 0. */
    private static final int ERROR_CODES = 1000;
    private static final int FLAG_TIMESTAMP = 0x20;
    private static final MessageType[] TYPES = MessageType.values();
    private static final int UNKNOWN = TYPES.length;
    private static final int[] SLOT_BY_CODE = new int[256];

    static {
        java.util.Arrays.fill(SLOT_BY_CODE, UNKNOWN);
        for (MessageType t : TYPES) SLOT_BY_CODE[t.code()] = t.ordinal();
    }

    private final LongAdder[] framesIn = adders(UNKNOWN + 1);
    private final LongAdder[] bytesIn = adders(UNKNOWN + 1);
    private final LongAdder[] framesOut = adders(UNKNOWN + 1);
    private final LongAdder[] bytesOut = adders(UNKNOWN + 1);
    private final LongAdder[] drops = adders(Drop.values().length);
    private final LongAdder[] coalesced = adders(Coalesce.values().length);
    private final AtomicLongArray errors = new AtomicLongArray(ERROR_CODES);
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder handshakes = new LongAdder();

    private static LongAdder[] adders(int n) {
        LongAdder[] out = new LongAdder[n];
        for (int i = 0; i < n; i++) out[i] = new LongAdder();
        return out;
    }

    /** A whole frame received from a network client (reader index at its first byte). */
    public void received(ByteBuf frame) {
        int slot = slot(frame);
        framesIn[slot].increment();
        bytesIn[slot].add(frame.readableBytes());
    }

    /** A whole frame about to be sent to a network client (reader index at its first byte). */
    public void sent(ByteBuf frame) {
        int slot = slot(frame);
        framesOut[slot].increment();
        bytesOut[slot].add(frame.readableBytes());
    }

    /** An ERROR frame with {@code code} sent to a network client. */
    public void error(int code) { errors.incrementAndGet(code > 0 && code < ERROR_CODES ? code : 0); }

    /** A message handed to one session (network or local). */
    public void delivered() { deliveries.increment(); }

    public void dropped(Drop why) { drops[why.ordinal()].increment(); }

    public void coalesced(Coalesce why) { coalesced[why.ordinal()].increment(); }

    /** A HELLO accepted: the session got its WELCOME. */
    public void handshake() { handshakes.increment(); }

    /** The message type slot of the frame at the reader index: its type byte, after the header and timestamp. */
    private static int slot(ByteBuf frame) {
        int start = frame.readerIndex();
        int length = frame.readableBytes();
        if (length <= ClaspCodec.HEADER_BYTES || frame.getUnsignedByte(start) != ClaspCodec.MAGIC) return UNKNOWN;
        int header = (frame.getUnsignedByte(start + 1) & FLAG_TIMESTAMP) != 0
                ? ClaspCodec.HEADER_BYTES + ClaspCodec.TIMESTAMP_BYTES : ClaspCodec.HEADER_BYTES;
        return length > header ? SLOT_BY_CODE[frame.getUnsignedByte(start + header)] : UNKNOWN;
    }

    /** Every message type (and {@link #UNKNOWN_TYPE}) with its counts so far, in type code order. */
    public Map<String, RouterMetrics.Traffic> traffic() {
        Map<String, RouterMetrics.Traffic> out = new LinkedHashMap<>();
        for (int i = 0; i <= UNKNOWN; i++) {
            out.put(i == UNKNOWN ? UNKNOWN_TYPE : TYPES[i].name(), new RouterMetrics.Traffic(framesIn[i].sum(),
                    bytesIn[i].sum(), framesOut[i].sum(), bytesOut[i].sum()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Every drop reason with its count, zeros included. */
    public Map<String, Long> drops() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Drop d : Drop.values()) out.put(d.label, drops[d.ordinal()].sum());
        return out;
    }

    /** Every coalescing reason with its count, zeros included. */
    public Map<String, Long> coalesced() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Coalesce c : Coalesce.values()) out.put(c.label, coalesced[c.ordinal()].sum());
        return out;
    }

    /** ERROR frames sent, by code, for the codes sent at least once (0: a code past 999), in code order. */
    public Map<Integer, Long> errors() {
        Map<Integer, Long> out = new TreeMap<>();
        for (int code = 0; code < ERROR_CODES; code++) {
            long n = errors.get(code);
            if (n > 0) out.put(code, n);
        }
        return out;
    }

    public long deliveries() { return deliveries.sum(); }

    public long handshakes() { return handshakes.sum(); }
}
