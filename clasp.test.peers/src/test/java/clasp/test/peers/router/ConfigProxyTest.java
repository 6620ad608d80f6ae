package clasp.test.peers.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configuration annotation read from a map as Declarative Services would: names mapped, text converted, defaults kept. */
class ConfigProxyTest {
    @interface Config {
        String clasp_bridge_id();
        String _password() default "";
        String snake__case() default "";
        int port() default 9000;
        long timeoutMillis() default 5;
        double scale() default 1;
        boolean enabled() default false;
        String[] peers() default {};
        Class<?> unsupported() default Object.class;
    }

    @Test
    void propertiesAreReadByTheirMappedNamesAndConvertedFromText() {
        Config config = ConfigProxy.of(Config.class, Map.of("clasp.bridge.id", "a", ".password", "hunter2",
                "snake_case", "s", "port", "0", "timeoutMillis", 7L, "scale", "0.5", "enabled", "true", "peers", "h:1"));
        assertThat(config.clasp_bridge_id()).isEqualTo("a");
        assertThat(config._password()).isEqualTo("hunter2");
        assertThat(config.snake__case()).isEqualTo("s");
        assertThat(config.port()).isZero();
        assertThat(config.timeoutMillis()).isEqualTo(7L);
        assertThat(config.scale()).isEqualTo(0.5);
        assertThat(config.enabled()).isTrue();
        assertThat(config.peers()).containsExactly("h:1");
        assertThat(config.annotationType()).isEqualTo(Config.class);
    }

    @Test
    void missingPropertiesGiveTheDefaultsAndArraysPassAsTheyAre() {
        Config config = ConfigProxy.of(Config.class, Map.of("peers", new String[] {"h:1", "h:2"}));
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.enabled()).isFalse();
        assertThat(config._password()).isEmpty();
        assertThat(config.peers()).containsExactly("h:1", "h:2");
    }

    @Test
    void aTypeWithoutConversionIsRefusedByName() {
        Config config = ConfigProxy.of(Config.class, Map.of("unsupported", "x"));
        assertThatThrownBy(config::unsupported).hasMessage("unsupported: no conversion to java.lang.Class");
    }
}
