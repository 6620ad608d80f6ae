package clasp.bridge.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbound queue: order kept across a lost connection, overflow drops the oldest, retained state republished. */
class OutboxTest {
    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static List<String> drain(Outbox o) {
        List<String> out = new ArrayList<>();
        for (Outbox.Out m; (m = o.next()) != null; ) out.add(m.topic() + "=" + new String(m.payload(), StandardCharsets.UTF_8));
        return out;
    }

    @Test void inFlightMessagesGoBackToTheHeadInOrderWhenTheConnectionIsLost() {
        Outbox o = new Outbox(10);
        o.add("a", b("1"), 1, false);
        o.add("b", b("2"), 1, false);
        o.add("c", b("3"), 1, false);
        Outbox.Out first = o.next();
        o.next();
        o.done(first);
        o.requeueInFlight();
        assertThat(drain(o)).containsExactly("b=2", "c=3");
    }

    @Test void pastTheBoundTheOldestIsDroppedAndCounted() {
        Outbox o = new Outbox(2);
        assertThat(o.add("a", b("1"), 1, false)).isTrue();
        assertThat(o.add("b", b("2"), 1, false)).isTrue();
        assertThat(o.add("c", b("3"), 1, false)).isFalse();
        assertThat(o.dropped()).isEqualTo(1);
        assertThat(drain(o)).containsExactly("b=2", "c=3");
    }

    @Test void resyncRepublishesOwnedRetainedValuesNotQueuedAheadOfTheQueue() {
        Outbox o = new Outbox(10);
        o.add("x", b("1"), 1, true);
        o.add("y", b("1"), 1, true);
        o.add("e", b("ev"), 1, false);
        for (Outbox.Out m; (m = o.next()) != null; ) o.done(m);
        o.add("y", b("2"), 1, true);   // queued while the broker is away
        o.disown("gone");
        assertThat(o.resync()).isEqualTo(1);
        assertThat(drain(o)).containsExactly("x=1", "y=2");
        o.disown("x");   // someone else wrote x at the broker: no longer republished
        assertThat(o.resync()).isEqualTo(1);
        assertThat(drain(o)).containsExactly("y=2");
    }
}
