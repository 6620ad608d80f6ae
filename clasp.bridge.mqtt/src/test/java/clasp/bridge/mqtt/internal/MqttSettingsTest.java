package clasp.bridge.mqtt.internal;

import clasp.mqtt.mapping.PayloadFormat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration as the bridge uses it: defaults, per-filter QoS, corrections listed as problems. */
class MqttSettingsTest {
    private static MqttSettings settings(Map<String, Object> values) {
        return MqttSettings.from(Harness.config(values));
    }

    @Test void defaultsFollowTheSpecification() {
        MqttSettings s = settings(Map.of());
        assertThat(s.brokerUri()).isEqualTo("tcp://localhost:1883");
        assertThat(s.v5()).isTrue();
        assertThat(s.clientId()).matches("clasp-[0-9a-f]{8}");
        assertThat(s.namespace()).isEqualTo("/mqtt");
        assertThat(s.inboundFilters()).containsExactly(new BrokerClient.Filter("#", 1));
        assertThat(s.outboundPatterns()).containsExactly("/mqtt/**");
        assertThat(s.qos()).isEqualTo(1);
        assertThat(s.streamQos()).isZero();
        assertThat(s.retainSets()).isTrue();
        assertThat(s.payload()).isEqualTo(PayloadFormat.AUTO);
        assertThat(s.problems()).isEmpty();
        assertThat(s.fatal()).isNull();
        assertThat(settings(Map.of("brokerUri", "ssl://broker")).brokerUri()).isEqualTo("ssl://broker:8883");
    }

    @Test void aFilterMayCarryItsOwnQos() {
        MqttSettings s = settings(Map.of("inboundTopics", new String[] {"home/#;qos=2", "sensors/+", "bad/#/x", "x;qos=3"},
                "qos", 0));
        assertThat(s.inboundFilters()).containsExactly(new BrokerClient.Filter("home/#", 2), new BrokerClient.Filter("sensors/+", 0));
        assertThat(s.problems()).containsExactly("inbound topic filter 'bad/#/x' is not a valid MQTT filter, ignored",
                "inbound topic 'x;qos=3': qos must be 0, 1 or 2, ignored");
        // a configuration file holds a list as one comma-separated string
        assertThat(settings(Map.of("inboundTopics", "a/#, b/+;qos=0")).inboundFilters())
                .containsExactly(new BrokerClient.Filter("a/#", 1), new BrokerClient.Filter("b/+", 0));
    }

    @Test void whatCannotBeUsedIsCorrectedOrFatal() {
        MqttSettings s = settings(Map.of("mqttVersion", "4", "namespace", "a//b", "payload", "xml", "inboundSignal", "x",
                "qos", 5, "outboundPatterns", "lights/+"));
        assertThat(s.v5()).isTrue();
        assertThat(s.namespace()).isEqualTo("/mqtt");
        assertThat(s.payload()).isEqualTo(PayloadFormat.AUTO);
        assertThat(s.inboundSignal()).isEqualTo(MqttSettings.InboundSignal.PARAM);
        assertThat(s.qos()).isEqualTo(1);
        assertThat(s.outboundPatterns()).containsExactly("/mqtt/lights/*");
        assertThat(s.problems()).hasSize(5);
        assertThat(settings(Map.of("brokerUri", "http://x")).fatal()).isEqualTo("brokerUri 'http://x' is neither tcp:// nor ssl://");
        assertThat(settings(Map.of(".password", "pw")).toString()).doesNotContain("pw");
    }
}
