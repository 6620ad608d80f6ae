package clasp.router.internal;
import clasp.router.internal.delivery.GestureCoalescer;
import clasp.router.internal.delivery.Chunks;
import clasp.router.internal.signal.SignalRegistry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The router's defaults as docs/protocol.md states them (D1, D5, D6, D14 and the fixed constants of §1.2). */
class ConfigDefaultsTest {
    /** The configuration a router gets when Config Admin has nothing for it: every attribute's declared default. */
    private static RouterConfig unconfigured() {
        return (RouterConfig) Proxy.newProxyInstance(RouterConfig.class.getClassLoader(), new Class<?>[] {RouterConfig.class},
                (proxy, method, args) -> method.getDefaultValue());
    }

    @Test void theConfigurationDefaultsAreTheDocumentedOnes() {
        RouterSettings documented = new RouterSettings("CLASP Router", 10_000, 1_000, 10, 300, 100_000, 10_000, 1_000,
                50_000, 20, 10, 64L * 1024 * 1024, 65_536, true, 16, 4, 1_024, 3_600, 1_000,
                java.util.List.of(), 0, 0, 300, "product", 16, 4_096, 20, 4, 100_000,
                new InputLimits(32, 16_384, 4_096, 65_535, 65_535, 1_024, 64, 64, 20_000, 0));
        assertThat(RouterSettings.of(unconfigured())).isEqualTo(documented);
        assertThat(RouterSettings.defaults()).isEqualTo(documented);
    }

    @Test void theFixedConstants() {
        assertThat(Chunks.MAX_ENTRIES).isEqualTo(800);
        assertThat(Chunks.ENTRY_BYTES).isEqualTo(65_532);
        assertThat(GestureCoalescer.MAX_OPEN).isEqualTo(65_536);
        assertThat(GestureCoalescer.DEFAULT_IDLE_MICROS).isEqualTo(300_000_000L);
        assertThat(SignalRegistry.TTL_MICROS).isEqualTo(3_600_000_000L);
    }
}
