package clasp.router.internal.qos;

import clasp.api.message.Message;
import clasp.api.message.MessageType;
import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The retry ids of one session's last applied retryable writes (SET, PUBLISH, BUNDLE), with the reply each got. A
 * frame is a repeat only if it carries a remembered retry id <em>and</em> the same payload bytes (length and
 * CRC-32C): a reused id on a different write is a new write, never merged. Only applied writes are remembered: a
 * refused one changed nothing, so its retry is decided anew. Bounded: past {@code capacity} ids the oldest is
 * forgotten; the map is made by the first retryable write, so a session that never sends one pays nothing for it.
 * Not thread-safe: used by the session's frame-handling thread only.
 */
public final class RetryWindow {
    /** A repeat that got no reply the first time (a write at QoS Fire). */
    public static final Message NO_REPLY = null;

    private record Seen(int length, int crc, Message reply) { }

    private final int capacity;
    private Map<Long, Seen> seen;   // null until the first write is remembered

    public RetryWindow(int capacity) { this.capacity = capacity; }

    /** Whether a retryable frame of this type is looked up: only writes are. */
    public static boolean deduplicates(MessageType type) {
        return type == MessageType.SET || type == MessageType.PUBLISH || type == MessageType.BUNDLE;
    }

    /** The payload's fingerprint: its length in the high half, its CRC-32C in the low. */
    public static long fingerprint(ByteBuf buf, int payloadStart, int payloadLength) {
        CRC32C crc = new CRC32C();
        crc.update(buf.nioBuffer(payloadStart, payloadLength));
        return ((long) payloadLength << 32) | (crc.getValue() & 0xFFFF_FFFFL);
    }

    /** Whether {@code retryId} with this payload was applied already. */
    public boolean isRepeat(long retryId, long fingerprint) {
        Seen s = seen == null ? null : seen.get(retryId);
        return s != null && s.length == (int) (fingerprint >>> 32) && s.crc == (int) fingerprint;
    }

    /** The reply the first copy got ({@link #NO_REPLY}: none); only after {@link #isRepeat} said true. */
    public Message replyTo(long retryId) { return seen.get(retryId).reply; }

    /** Remembers an applied write and its reply (null: none). */
    public void applied(long retryId, long fingerprint, Message reply) {
        if (capacity <= 0) return;
        if (seen == null) {
            seen = new LinkedHashMap<>(16, 0.75f, false) {
                @Override protected boolean removeEldestEntry(Map.Entry<Long, Seen> eldest) { return size() > capacity; }
            };
        }
        seen.remove(retryId);   // a reused id moves to the newest end
        seen.put(retryId, new Seen((int) (fingerprint >>> 32), (int) fingerprint, reply));
    }

    public int size() { return seen == null ? 0 : seen.size(); }
}
