package clasp.osc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OscTimetagTest {
    @Test
    void immediatelyIsOne() {
        assertThat(OscTimetag.IMMEDIATELY.bits()).isEqualTo(1L);
        assertThat(new OscTimetag(1L).isImmediately()).isTrue();
        assertThat(new OscTimetag(0L).isImmediately()).isFalse();
        assertThat(OscTimetag.IMMEDIATELY).hasToString("immediately");
    }

    @Test
    void ntpToUnixMicrosAsBridgesSection15Says() {
        // seconds 2,208,988,800 is the Unix epoch; half a second is fraction 2^31
        assertThat(new OscTimetag(2_208_988_800L << 32).toUnixMicros()).isZero();
        assertThat(new OscTimetag(2_208_988_800L << 32 | 0x8000_0000L).toUnixMicros()).isEqualTo(500_000L);
        // what oscdump printed for a real send: eec0484b.7c7357e5
        OscTimetag printed = new OscTimetag(0xEEC0484B7C7357E5L);
        assertThat(printed.seconds()).isEqualTo(0xEEC0484BL);
        assertThat(printed.toUnixMicros())
                .isEqualTo((0xEEC0484BL - 2_208_988_800L) * 1_000_000L + (0x7C7357E5L * 1_000_000L >>> 32));
        assertThat(printed).hasToString("eec0484b.7c7357e5");
        // the top of the era: seconds and fraction all ones
        assertThat(new OscTimetag(-1L).toUnixMicros()).isEqualTo((0xFFFF_FFFFL - 2_208_988_800L) * 1_000_000L + 999_999L);
    }

    @Test
    void unixMicrosComeBackExactly() {
        Random random = new Random(3L);
        for (int i = 0; i < 100_000; i++) {
            long micros = (long) (random.nextDouble() * 4_000_000_000_000_000L) - 2_000_000_000_000_000L;
            assertThat(OscTimetag.ofUnixMicros(micros).toUnixMicros()).isEqualTo(micros);
        }
        assertThat(OscTimetag.ofUnixMicros(0).bits()).isEqualTo(2_208_988_800L << 32);
    }

    @Test
    void timesOutsideTheEraAreRefused() {
        assertThatThrownBy(() -> OscTimetag.ofUnixMicros(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OscTimetag.ofUnixMicros(-2_208_988_801_000_000L)).isInstanceOf(IllegalArgumentException.class);
    }
}
