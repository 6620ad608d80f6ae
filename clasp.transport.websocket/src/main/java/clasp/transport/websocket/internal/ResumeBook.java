package clasp.transport.websocket.internal;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * What one SSE stream has delivered: for each address the revision of its last event and that event's sequence
 * number. An event's id is {@code <key>-<seq>}: the stream's random key (16 hex digits) and the event's number in
 * the stream, 1, 2, 3… without gaps, continued across resumptions. A client that names an id had every event up to
 * it, so resuming keeps the entries at or below its number ({@link #resumedAt}) and the stream sends a param only
 * when its revision differs from the one kept. Owned by one thread at a time: the stream's event loop while it is
 * open, {@link ResumeBooks} while parked.
 */
final class ResumeBook {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code micros}: when the value was written (a snapshot entry) or relayed (a live change). */
    private record Mark(long revision, long seq, long micros) {
    }

    private final String key;
    private final Map<String, Mark> marks;
    private long lastSeq;

    private ResumeBook(String key, Map<String, Mark> marks, long lastSeq) {
        this.key = key;
        this.marks = marks;
        this.lastSeq = lastSeq;
    }

    /** A new stream: a fresh key, nothing delivered. */
    static ResumeBook fresh() {
        byte[] key = new byte[8];
        RANDOM.nextBytes(key);
        return new ResumeBook(HexFormat.of().formatHex(key), new HashMap<>(), 0);
    }

    String key() {
        return key;
    }

    /**
     * A live change (SET): new unless it is the revision the client has. Changes of one address come in revision
     * order, so a lower one means the param was removed and created again.
     */
    boolean isNewChange(String address, Long revision) {
        Mark mark = marks.get(address);
        return revision == null || mark == null || mark.revision() != revision;
    }

    /**
     * A value read from the store (a SNAPSHOT entry), written at {@code writtenMicros}: new when its revision is
     * higher than the client's, or lower but written after the client's (removed and created again). A lower one
     * written before is stale: the router read it before a change it had already sent.
     */
    boolean isNewRead(String address, long revision, Long writtenMicros) {
        Mark mark = marks.get(address);
        return mark == null || revision > mark.revision()
                || revision < mark.revision() && writtenMicros != null && writtenMicros > mark.micros();
    }

    /** Records an event for {@code address} and returns its id. */
    String record(String address, Long revision, long micros) {
        long seq = ++lastSeq;
        if (revision != null) marks.put(address, new Mark(revision, seq, micros));
        return key + "-" + seq;
    }

    /** The book as a client that had every event up to number {@code seq} sees it; numbering goes on after the last. */
    ResumeBook resumedAt(long seq) {
        Map<String, Mark> had = new HashMap<>();
        marks.forEach((address, mark) -> {
            if (mark.seq() <= seq) had.put(address, mark);
        });
        return new ResumeBook(key, had, lastSeq);
    }

    /** The key of an event id, or null if {@code id} is not one. */
    static String keyOf(String id) {
        int dash = id == null ? -1 : id.indexOf('-');
        return dash == 16 ? id.substring(0, dash) : null;
    }

    /** The sequence number of an event id, or -1 if {@code id} is not one. */
    static long seqOf(String id) {
        if (keyOf(id) == null) return -1;
        try {
            return Long.parseLong(id.substring(17));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    int size() {
        return marks.size();
    }
}
