package clasp.bridge.dmx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The writer's pacing on a controlled clock. */
class FixedRateTest {
    private static final long PERIOD = 25_000_000;   // 40 Hz

    @Test
    void theFirstTickIsDueAtOnceThenOnePeriodApart() {
        FixedRate rate = new FixedRate(PERIOD, 1_000);
        assertThat(rate.waitNanos(1_000)).isZero();
        rate.ticked(1_000);
        assertThat(rate.waitNanos(1_000)).isEqualTo(PERIOD);
        assertThat(rate.waitNanos(1_000 + PERIOD)).isZero();
    }

    @Test
    void aLittleLateTickKeepsThePhase() {
        FixedRate rate = new FixedRate(PERIOD, 0);
        rate.ticked(0);
        rate.ticked(PERIOD + 5_000_000);   // 5 ms late
        assertThat(rate.waitNanos(PERIOD + 5_000_000)).isEqualTo(PERIOD - 5_000_000);
    }

    @Test
    void aTickMoreThanAPeriodLateSkipsTheMissedOnesInsteadOfBursting() {
        FixedRate rate = new FixedRate(PERIOD, 0);
        rate.ticked(0);
        long late = PERIOD + 3 * PERIOD + 1;   // three periods and a bit behind
        rate.ticked(late);
        assertThat(rate.waitNanos(late)).isEqualTo(PERIOD);
    }

    @Test
    void aFrameThatTakesMostOfThePeriodStillRunsAtTheRate() {
        FixedRate rate = new FixedRate(PERIOD, 0);
        long now = 0;
        int ticks = 0;
        for (int i = 0; i < 1_000; i++) {   // 23 ms per frame, as a 512-slot Open DMX frame
            long wait = rate.waitNanos(now);
            if (wait > 0) now += wait;
            rate.ticked(now);
            ticks++;
            now += 23_000_000;
        }
        assertThat(now).isBetween(1_000 * PERIOD - PERIOD, 1_000 * PERIOD);
        assertThat(ticks).isEqualTo(1_000);
    }
}
