package clasp.adapter.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.NullValue;
import clasp.api.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Topics ↔ addresses and payloads ↔ values (bridges.md §7.2, §7.3). */
class MappingTest {
    private final Topics topics = new Topics("/mqtt");

    @Test
    void topicsAndFiltersMapUnderTheNamespaceAndInvalidOnesAreRefused() {
        assertThat(topics.address("home/living/light")).isEqualTo("/mqtt/home/living/light");
        assertThat(topics.pattern("home/+/light")).isEqualTo("/mqtt/home/*/light");
        assertThat(topics.pattern("home/#")).isEqualTo("/mqtt/home/**");
        assertThat(topics.pattern("#")).isEqualTo("/mqtt/**");
        assertThat(topics.topic("/mqtt/home/x")).isEqualTo("home/x");
        assertThat(topics.topic("/other/x")).isNull();
        assertThat(topics.topic("/mqttx/y")).isNull();
        for (String bad : List.of("", "/lead", "trail/", "a//b", "a/*", "a/+", "a/#")) assertThat(topics.address(bad)).as(bad).isNull();
        for (String bad : List.of("", "a/#/b", "a/b#", "a/+b", "a//b", "a/*")) assertThat(topics.pattern(bad)).as(bad).isNull();
    }

    @Test
    void anEmptyPayloadIsNullBothWaysInEveryFormatAndWhatAFormatCannotMapIsNull() {
        for (String name : List.of("auto", "json", "number", "string", "bytes")) {
            Payloads payloads = Payloads.parse(name);
            assertThat(payloads.decode(new byte[0])).as(name).isEqualTo(NullValue.INSTANCE);
            assertThat(payloads.encode(NullValue.INSTANCE)).as(name).isEmpty();
        }
        assertThat(Payloads.parse("auto").decode(utf8("42"))).isEqualTo(Value.of(42L));
        assertThat(Payloads.parse("json").decode(utf8("not json"))).isNull();
        assertThat(Payloads.parse("number").encode(Value.of("text"))).isNull();
        assertThat(Payloads.parse(" JSON ").format()).isEqualTo(clasp.mqtt.mapping.PayloadFormat.JSON);
        assertThat(Payloads.parse("").format()).isEqualTo(clasp.mqtt.mapping.PayloadFormat.AUTO);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> Payloads.parse("xml"))
                .withMessageContaining("auto, json, number, string or bytes");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
