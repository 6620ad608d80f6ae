package clasp.router.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.PublishMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** §7.3 with the clock in the test's hands: what leaves, and when. */
class GestureCoalescerTest {
    private static final long MS = 1_000_000L;
    private final List<String> sent = new ArrayList<>();
    private final Object lock = new Object();

    private GestureCoalescer coalescer(long intervalMs) {
        return new GestureCoalescer(intervalMs * MS, (sender, m) -> sent.add(describe(m)));
    }

    private static String describe(PublishMessage m) {
        return m.address() + "#" + m.id() + " " + m.phase() + (m.value() == null ? "" : " " + m.value());
    }

    private static PublishMessage g(String address, Long id, GesturePhase phase, double v) {
        return new PublishMessage(address, SignalType.GESTURE, Value.of(v), null, null, id, phase, null);
    }

    @Test void intervalZeroYieldsStartLastMoveEnd() {
        GestureCoalescer c = coalescer(0);
        c.publish(null, g("/g", 1L, GesturePhase.START, 0), 0);
        for (int i = 1; i <= 50; i++) c.publish(null, g("/g", 1L, GesturePhase.MOVE, i), i * MS);
        c.flush(10_000 * MS, a -> lock);   // no timer flush at interval 0
        c.publish(null, g("/g", 1L, GesturePhase.END, 99), 10_001 * MS);
        assertThat(sent).containsExactly("/g#1 START 0.0", "/g#1 MOVE 50.0",
                "/g#1 END 99.0");
        assertThat(c.openCount()).isZero();
    }

    @Test void movesLeaveOnlyAfterTheyPauseForTheInterval() {
        GestureCoalescer c = coalescer(16);
        c.publish(null, g("/g", 7L, GesturePhase.START, 0), 0);
        c.publish(null, g("/g", 7L, GesturePhase.MOVE, 1), 10 * MS);
        c.flush(20 * MS, a -> lock);                       // 10 ms old: held
        c.publish(null, g("/g", 7L, GesturePhase.MOVE, 2), 24 * MS);
        c.flush(30 * MS, a -> lock);                       // replaced, 6 ms old: held
        assertThat(sent).hasSize(1);
        c.flush(40 * MS, a -> lock);                       // 16 ms old: leaves, once
        c.flush(80 * MS, a -> lock);
        c.publish(null, g("/g", 7L, GesturePhase.CANCEL, 3), 90 * MS);
        assertThat(sent).containsExactly("/g#7 START 0.0", "/g#7 MOVE 2.0",
                "/g#7 CANCEL 3.0");
    }

    @Test void gesturesAreKeyedByAddressAndIdAndAbsentIdIsZero() {
        GestureCoalescer c = coalescer(0);
        c.publish(null, g("/g", null, GesturePhase.START, 0), 0);
        c.publish(null, g("/g", 2L, GesturePhase.MOVE, 1), 0);   // no open gesture 2: forwarded at once
        c.publish(null, g("/g", 0L, GesturePhase.MOVE, 2), 0);   // id 0 is the open id-less gesture: held
        c.publish(null, g("/h", null, GesturePhase.MOVE, 3), 0);   // other address: forwarded at once
        c.publish(null, g("/g", null, GesturePhase.END, 4), 0);
        assertThat(sent).containsExactly("/g#null START 0.0", "/g#2 MOVE 1.0",
                "/h#null MOVE 3.0", "/g#0 MOVE 2.0", "/g#null END 4.0");
    }

    @Test void aNewStartDiscardsThePendingMove() {
        GestureCoalescer c = coalescer(0);
        c.publish(null, g("/g", 1L, GesturePhase.START, 0), 0);
        c.publish(null, g("/g", 1L, GesturePhase.MOVE, 1), 0);
        c.publish(null, g("/g", 1L, GesturePhase.START, 2), 0);
        c.publish(null, g("/g", 1L, GesturePhase.END, 3), 0);
        assertThat(sent).containsExactly("/g#1 START 0.0", "/g#1 START 2.0",
                "/g#1 END 3.0");
    }

    @Test void gesturesOpenPastTheExpiryAreDroppedAndTheirMovesThenPassThrough() {
        GestureCoalescer c = coalescer(0);
        c.publish(null, g("/g", 1L, GesturePhase.START, 0), 0);
        c.publish(null, g("/g", 1L, GesturePhase.MOVE, 1), MS);
        c.flush(GestureCoalescer.EXPIRY_NANOS, a -> lock);
        assertThat(c.openCount()).isZero();
        c.publish(null, g("/g", 1L, GesturePhase.MOVE, 2), GestureCoalescer.EXPIRY_NANOS + MS);
        c.publish(null, g("/g", 1L, GesturePhase.END, 3), GestureCoalescer.EXPIRY_NANOS + MS);
        assertThat(sent).containsExactly("/g#1 START 0.0", "/g#1 MOVE 2.0",
                "/g#1 END 3.0");
    }
}
