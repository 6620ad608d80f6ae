package clasp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.client.internal.ClockSync;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Clock sync arithmetic, and the offset measured against the real router on loopback (same clock: truly 0). */
class ClockSyncTest {
    @Test
    void eachSampleGivesOffsetAndRoundTripAndTheSmallestRoundTripsOffsetIsUsed() {
        ClockSync sync = new ClockSync();
        sync.welcome(1_000_500, 1_000_000);
        assertThat(sync.stats()).isEqualTo(new ClockStats(500, -1, -1, 0));
        // t1 sent, t2 = t3 read by the server, t4 received: offset ((t2-t1)+(t3-t4))/2, rtt (t4-t1)-(t3-t2)
        sync.sample(1_000, 1_600, 1_600, 1_200);   // offset 500, rtt 200
        assertThat(sync.stats()).isEqualTo(new ClockStats(500, 200, 0, 1));
        sync.sample(2_000, 2_900, 2_900, 2_600);   // offset 600, rtt 600: a worse sample does not move the offset
        assertThat(sync.stats()).isEqualTo(new ClockStats(500, 400, 200, 2));
        sync.sample(3_000, 3_520, 3_520, 3_040);   // offset 500, rtt 40: the best one now
        assertThat(sync.stats().offsetMicros()).isEqualTo(500);
        for (int i = 0; i < ClockSync.WINDOW; i++) sync.sample(10_000, 10_100, 10_100, 10_100);  // offset 50, rtt 100
        assertThat(sync.stats()).isEqualTo(new ClockStats(50, 100, 0, ClockSync.WINDOW));  // older samples are gone
    }

    @Test
    void againstTheRouterOnLoopbackTheOffsetIsTheMeasurementErrorOnly() throws Exception {
        try (TestRouter router = TestRouter.start();
             ClaspClient c = ClaspClient.builder(router.ws()).name("clock").clockSync(Duration.ofMillis(100)).build()) {
            c.connect(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(60)).until(() -> c.clock().samples() == ClockSync.WINDOW);
            ClockStats stats = c.clock();
            System.out.printf("clock sync on loopback: offset %d µs, rtt %d µs, jitter %d µs over %d samples%n",
                    stats.offsetMicros(), stats.rttMicros(), stats.jitterMicros(), stats.samples());
            // Router and client read the same machine clock: the offset is the estimate's error, bounded by half the
            // best round trip plus the clock readings' granularity. Generous: this is a sanity bound, not a figure.
            assertThat(Math.abs(stats.offsetMicros())).isLessThan(50_000);
            assertThat(stats.rttMicros()).isPositive();
        }
    }
}
