package clasp.bridge.dmx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration checked once: every problem named, the defaults as documented. */
class DmxSettingsTest {
    private static DmxSettings settings(Map<String, Object> values) {
        return DmxSettings.from(Harness.config(values));
    }

    @Test
    void theDefaults() {
        DmxSettings s = settings(Map.of("port", "/dev/ttyUSB0"));
        assertThat(s.fatal()).isNull();
        assertThat(s.type()).isEqualTo(DmxSettings.InterfaceType.ENTTEC_PRO);
        assertThat(s.universe()).isZero();
        assertThat(s.namespace()).isEqualTo("/dmx");
        assertThat(s.slots()).isEqualTo(512);
        assertThat(s.refreshHz()).isEqualTo(40);
        assertThat(s.periodNanos()).isEqualTo(25_000_000);
        assertThat(s.breakMicros()).isEqualTo(176);
        assertThat(s.mabMicros()).isEqualTo(12);
        assertThat(s.input()).isEqualTo(DmxSettings.InputMode.OFF);
        assertThat(s.inputAddress(7)).isEqualTo("/dmx/1/7");
        assertThat(s.reopenIntervalMillis()).isEqualTo(1000);
        assertThat(s.values().toSlot(Value.of(0.5))).isEqualTo(128);
        assertThat(s.values().toClasp(200)).isEqualTo(Value.of(200L));
    }

    @Test
    void everyProblemIsNamedInOneLine() {
        DmxSettings s = settings(Map.of("interfaceType", "usb", "input", "sometimes", "namespace", "dmx/", "universe", "40000",
                "slots", "0", "refreshHz", "50", "breakMicros", "50", "mabMicros", "2", "reopenIntervalMillis", "5",
                "scale", "0"));
        assertThat(s.fatal()).isEqualTo("invalid configuration: port must name the serial device's path, e.g. "
                + "port=/dev/ttyUSB0; interfaceType must be enttec-pro or open-dmx, is usb; input must be off, always or "
                + "changes, is sometimes; namespace dmx/: must be /name (no trailing /); universe must be 0-32767, is 40000; "
                + "slots must be 1-512, is 0; refreshHz must be 1-44, is 50; breakMicros must be 88-1000000, is 50; "
                + "mabMicros must be 8-1000000, is 2; reopenIntervalMillis must be at least 10, is 5; "
                + "scale must be a finite number other than 0, not 0.0");
    }

    @Test
    void inputNeedsAnEnttecProAndItsOwnUniverse() {
        assertThat(settings(Map.of("port", "/dev/x", "interfaceType", "open-dmx", "input", "always")).fatal())
                .isEqualTo("invalid configuration: an open-dmx interface has no DMX input: input must be off");
        assertThat(settings(Map.of("port", "/dev/x", "input", "changes", "universe", "3", "inputUniverse", "3")).fatal())
                .isEqualTo("invalid configuration: inputUniverse must differ from universe (3)");
        assertThat(settings(Map.of("port", "/dev/x", "input", "CHANGES")).input()).isEqualTo(DmxSettings.InputMode.CHANGES);
    }

    @Test
    void scaleAndNormalizeMapBothWays() {
        DmxSettings scaled = settings(Map.of("port", "/dev/x", "scale", "-255", "offset", "255"));
        assertThat(scaled.values().toSlot(Value.of(1.0))).isZero();
        assertThat(scaled.values().toSlot(Value.of(0.25))).isEqualTo(191);
        assertThat(scaled.values().toClasp(0)).isEqualTo(Value.of(1.0));
        DmxSettings normalized = settings(Map.of("port", "/dev/x", "normalize", "true"));
        assertThat(normalized.values().toClasp(51)).isEqualTo(Value.of(0.2));
    }
}
