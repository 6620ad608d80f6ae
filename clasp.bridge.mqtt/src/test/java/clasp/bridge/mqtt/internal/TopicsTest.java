package clasp.bridge.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Topic ↔ address under the namespace (bridges.md §7.2), MQTT filters ↔ CLASP patterns, filter matching. */
class TopicsTest {
    private final Topics topics = new Topics("/mqtt");

    @Test void inboundTopicsGoUnderTheNamespaceAndInvalidAddressesAreDropped() {
        assertThat(topics.address("home/living/light")).isEqualTo("/mqtt/home/living/light");
        assertThat(topics.address("/x")).isNull();        // empty level: /mqtt//x is no address
        assertThat(topics.address("a//b")).isNull();
        assertThat(topics.address("a/")).isNull();
        assertThat(topics.address("a/*")).isNull();       // no wildcard in a concrete address
        assertThat(new Topics("").address("a/b")).isEqualTo("/a/b");
    }

    @Test void outboundAddressesLoseTheNamespaceOrTheirLeadingSlash() {
        assertThat(topics.topic("/mqtt/control/led")).isEqualTo("control/led");
        assertThat(topics.topic("/other/x")).isEqualTo("other/x");
        assertThat(topics.topic("/mqttx/y")).isEqualTo("mqttx/y");   // not under /mqtt: a different first segment
        assertThat(topics.topic("/mqtt")).isNull();
        assertThat(topics.topic("/mqtt/a+b")).isNull();              // + and # are not publishable
        assertThat(topics.topic("/mqtt/#")).isNull();
    }

    @Test void mqttFiltersBecomePatternsUnderTheNamespace() {
        assertThat(topics.pattern("lights/+")).isEqualTo("/mqtt/lights/*");
        assertThat(topics.pattern("#")).isEqualTo("/mqtt/**");
        assertThat(topics.pattern("a/+/b/#")).isEqualTo("/mqtt/a/*/b/**");
        assertThat(topics.pattern("/any/**")).isEqualTo("/any/**");
    }
}
