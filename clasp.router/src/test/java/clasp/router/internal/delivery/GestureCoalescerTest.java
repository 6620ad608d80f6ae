package clasp.router.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.router.internal.clock.ManualClock;
import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.PublishMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** §7.3 with the clock in the test's hands: what leaves, and when. */
class GestureCoalescerTest {
    private final List<String> sent = new ArrayList<>();
    private final Object lock = new Object();
    private final ManualClock clock = new ManualClock();

    private GestureCoalescer coalescer(long intervalMs) {
        return new GestureCoalescer(clock, intervalMs * 1_000L, a -> lock, (sender, m) -> sent.add(describe(m)));
    }

    /** Moves the clock to {@code ms} after the test's start (each test starts at 0). */
    private long start = -1;

    private void at(long ms) {
        if (start < 0) start = clock.nowMicros();
        clock.advance(start + ms * 1_000L - clock.nowMicros(), java.util.concurrent.TimeUnit.MICROSECONDS);
    }

    private static String describe(PublishMessage m) {
        return m.address() + "#" + m.id() + " " + m.phase() + (m.value() == null ? "" : " " + m.value());
    }

    private static PublishMessage g(String address, Long id, GesturePhase phase, double v) {
        return new PublishMessage(address, SignalType.GESTURE, Value.of(v), null, null, id, phase, null);
    }

    @Test void intervalZeroYieldsStartLastMoveEnd() {
        GestureCoalescer c = coalescer(0);
        at(0);
        c.publish(null, g("/g", 1L, GesturePhase.START, 0));
        for (int i = 1; i <= 50; i++) {
            at(i);
            c.publish(null, g("/g", 1L, GesturePhase.MOVE, i));
        }
        at(10_000);   // no timer flush at interval 0
        at(10_001);
        c.publish(null, g("/g", 1L, GesturePhase.END, 99));
        assertThat(sent).containsExactly("/g#1 START 0.0", "/g#1 MOVE 50.0",
                "/g#1 END 99.0");
        assertThat(c.openCount()).isZero();
        assertThat(clock.pending()).isZero();   // no timers left behind
    }

    @Test void movesLeaveOnlyAfterTheyPauseForTheInterval() {
        GestureCoalescer c = coalescer(16);
        at(0);
        c.publish(null, g("/g", 7L, GesturePhase.START, 0));
        at(10);
        c.publish(null, g("/g", 7L, GesturePhase.MOVE, 1));
        at(20);                       // 10 ms old: held
        at(24);
        c.publish(null, g("/g", 7L, GesturePhase.MOVE, 2));
        at(30);                       // replaced, 6 ms old: held
        at(39);
        assertThat(sent).hasSize(1);
        at(40);                       // 16 ms old: leaves, once
        assertThat(sent).hasSize(2);
        at(80);
        at(90);
        c.publish(null, g("/g", 7L, GesturePhase.CANCEL, 3));
        assertThat(sent).containsExactly("/g#7 START 0.0", "/g#7 MOVE 2.0",
                "/g#7 CANCEL 3.0");
    }

    @Test void gesturesAreKeyedByAddressAndIdAndAbsentIdIsZero() {
        GestureCoalescer c = coalescer(0);
        at(0);
        c.publish(null, g("/g", null, GesturePhase.START, 0));
        at(0);
        c.publish(null, g("/g", 2L, GesturePhase.MOVE, 1));   // no open gesture 2: forwarded at once
        at(0);
        c.publish(null, g("/g", 0L, GesturePhase.MOVE, 2));   // id 0 is the open id-less gesture: held
        at(0);
        c.publish(null, g("/h", null, GesturePhase.MOVE, 3));   // other address: forwarded at once
        at(0);
        c.publish(null, g("/g", null, GesturePhase.END, 4));
        assertThat(sent).containsExactly("/g#null START 0.0", "/g#2 MOVE 1.0",
                "/h#null MOVE 3.0", "/g#0 MOVE 2.0", "/g#null END 4.0");
    }

    @Test void aNewStartDiscardsThePendingMove() {
        GestureCoalescer c = coalescer(0);
        at(0);
        c.publish(null, g("/g", 1L, GesturePhase.START, 0));
        at(0);
        c.publish(null, g("/g", 1L, GesturePhase.MOVE, 1));
        at(0);
        c.publish(null, g("/g", 1L, GesturePhase.START, 2));
        at(0);
        c.publish(null, g("/g", 1L, GesturePhase.END, 3));
        assertThat(sent).containsExactly("/g#1 START 0.0", "/g#1 START 2.0",
                "/g#1 END 3.0");
    }

    @Test void aGestureSilentForTheIdleTimeIsForgottenItsHeldMoveSentFirstAndLaterMovesPassThrough() {
        GestureCoalescer c = coalescer(0);
        long idleMs = GestureCoalescer.DEFAULT_IDLE_MICROS / 1000;
        at(0);
        c.publish(null, g("/g", 1L, GesturePhase.START, 0));
        at(1);
        c.publish(null, g("/g", 1L, GesturePhase.MOVE, 1));
        at(idleMs);                  // silent since its move at 1 ms: not yet the idle time
        assertThat(c.openCount()).isEqualTo(1);
        assertThat(sent).containsExactly("/g#1 START 0.0");
        at(idleMs + 1);              // now forgotten, its held move sent rather than lost
        assertThat(c.openCount()).isZero();
        assertThat(sent).containsExactly("/g#1 START 0.0", "/g#1 MOVE 1.0");
        c.publish(null, g("/g", 1L, GesturePhase.MOVE, 2));
        c.publish(null, g("/g", 1L, GesturePhase.END, 3));
        assertThat(sent).containsExactly("/g#1 START 0.0", "/g#1 MOVE 1.0", "/g#1 MOVE 2.0", "/g#1 END 3.0");
        assertThat(clock.pending()).isZero();
    }

    @Test void movesKeepAGestureOpenLongPastTheIdleTimeSinceItsStartWithOneExpiryCheckPending() {
        GestureCoalescer c = coalescer(0);
        c.idle(10_000_000L);
        at(0);
        c.publish(null, g("/g", 4L, GesturePhase.START, 0));
        for (int s = 1; s <= 100; s++) {   // a move every 9 s for 900 s
            at(s * 9_000L);
            c.publish(null, g("/g", 4L, GesturePhase.MOVE, s));
            assertThat(clock.pending()).isEqualTo(1);
        }
        at(100 * 9_000L + 9_999);
        assertThat(c.openCount()).isEqualTo(1);
        c.publish(null, g("/g", 4L, GesturePhase.END, -1));
        assertThat(sent).containsExactly("/g#4 START 0.0", "/g#4 MOVE 100.0", "/g#4 END -1.0");
        assertThat(clock.pending()).isZero();
    }

    @Test void anIdleTimeOf0NeverForgetsAGesture() {
        GestureCoalescer c = coalescer(0);
        c.idle(0);
        at(0);
        c.publish(null, g("/g", 5L, GesturePhase.START, 0));
        c.publish(null, g("/g", 5L, GesturePhase.MOVE, 1));
        assertThat(clock.pending()).isZero();
        at(30L * 24 * 3600 * 1000);
        assertThat(c.openCount()).isEqualTo(1);
        c.publish(null, g("/g", 5L, GesturePhase.END, 2));
        assertThat(sent).containsExactly("/g#5 START 0.0", "/g#5 MOVE 1.0", "/g#5 END 2.0");
    }
}
