package clasp.transport.websocket.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The books of closed SSE streams, kept for {@code retention} so that a client reconnecting with
 * {@code Last-Event-ID} resumes where it was; at most {@code capacity}, the oldest forgotten first. A book is taken
 * out when resumed, so one book serves one stream at a time. Thread-safe (any event loop).
 */
final class ResumeBooks {
    private record Parked(ResumeBook book, long expiresAtNanos) {
    }

    private final long retentionNanos;
    private final int capacity;
    private final Map<String, Parked> parked = new LinkedHashMap<>();   // in the order parked; guarded by this

    ResumeBooks(Duration retention, int capacity) {
        this.retentionNanos = retention.toNanos();
        this.capacity = capacity;
    }

    /** A stream closed: its book waits for a resumption. */
    synchronized void park(ResumeBook book) {
        long now = System.nanoTime();
        forgetExpired(now);
        parked.remove(book.key());
        if (capacity == 0 || retentionNanos == 0) return;
        while (parked.size() >= capacity) {
            Iterator<Parked> oldest = parked.values().iterator();
            oldest.next();
            oldest.remove();
        }
        parked.put(book.key(), new Parked(book, now + retentionNanos));
    }

    /** The book a stream resuming after event {@code lastEventId} continues, or a fresh one when it is unknown. */
    synchronized ResumeBook resume(String lastEventId) {
        forgetExpired(System.nanoTime());
        String key = ResumeBook.keyOf(lastEventId);
        Parked found = key == null ? null : parked.remove(key);
        return found == null ? ResumeBook.fresh() : found.book().resumedAt(ResumeBook.seqOf(lastEventId));
    }

    synchronized int size() {
        return parked.size();
    }

    private void forgetExpired(long now) {
        Iterator<Parked> it = parked.values().iterator();
        while (it.hasNext() && it.next().expiresAtNanos() - now <= 0) {
            it.remove();   // parked in order, so the expired ones are first
        }
    }
}
