package clasp.bridge.support.dmx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = 1_000_000;

    @Test
    void aFirstFrameGoesAtOnceThenChangesAtMost44TimesASecondAndSilenceIsKeptAlive() {
        Pacer pacer = new Pacer(Pacer.MIN_INTERVAL_NANOS, Pacer.KEEP_ALIVE_NANOS);
        long t = 5_000 * MS;
        assertThat(pacer.due(t)).isTrue();
        pacer.sent(t);
        assertThat(pacer.due(t + 500 * MS)).isFalse();
        pacer.changed();
        assertThat(pacer.delay(t + 10 * MS)).isEqualTo(Pacer.MIN_INTERVAL_NANOS - 10 * MS);   // coalesced
        assertThat(pacer.due(t + Pacer.MIN_INTERVAL_NANOS)).isTrue();
        pacer.sent(t + 30 * MS);
        assertThat(pacer.dirty()).isFalse();
        assertThat(pacer.due(t + 30 * MS + 999 * MS)).isFalse();
        assertThat(pacer.due(t + 30 * MS + 1_000 * MS)).isTrue();    // keep-alive
        pacer.sent(t + 1_030 * MS);
        pacer.changed();
        assertThat(pacer.due(t + 1_200 * MS)).isTrue();    // long after the last send: a change goes at once
    }
}
