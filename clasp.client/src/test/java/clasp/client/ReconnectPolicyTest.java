package clasp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    @Test
    void delaysDoubleUpToTheMaximumAndJitterSpreadsThemBothWays() {
        Reconnect r = Reconnect.defaults();
        assertThat(r.baseDelay(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(r.baseDelay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(r.baseDelay(6)).isEqualTo(Duration.ofMillis(16_000));
        assertThat(r.baseDelay(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.baseDelay(1_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.delay(1, 0.0)).isEqualTo(Duration.ofMillis(400));    // -20 %
        assertThat(r.delay(1, 0.5)).isEqualTo(Duration.ofMillis(500));
        assertThat(r.delay(1, 0.9999999)).isBetween(Duration.ofMillis(599), Duration.ofMillis(600));  // +20 %
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new Reconnect(true, Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reconnect(true, Duration.ZERO, Duration.ZERO, 0.5, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Heartbeat(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
