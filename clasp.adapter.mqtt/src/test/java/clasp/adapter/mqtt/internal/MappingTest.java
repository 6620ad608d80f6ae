package clasp.adapter.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.NullValue;
import clasp.api.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
    void filtersMatchAsMqttSays() {
        assertThat(Topics.matches("a/#", "a")).isTrue();
        assertThat(Topics.matches("a/#", "a/b/c")).isTrue();
        assertThat(Topics.matches("a/+", "a/b")).isTrue();
        assertThat(Topics.matches("a/+", "a/b/c")).isFalse();
        assertThat(Topics.matches("+/b", "a/b")).isTrue();
        assertThat(Topics.matches("a/b", "a/b/c")).isFalse();
        assertThat(Topics.matches("a/b/c", "a/b")).isFalse();
        assertThat(Topics.matches("#", "$SYS/x")).isFalse();
        assertThat(Topics.matches("+/x", "$SYS/x")).isFalse();
        assertThat(Topics.matches("$SYS/#", "$SYS/x")).isTrue();
    }

    @Test
    void autoPayloadsFollowTheReferenceOrder() {
        Payloads auto = Payloads.AUTO;
        assertThat(auto.decode(utf8("22.5"))).isEqualTo(Value.of(22.5));
        assertThat(auto.decode(utf8("42"))).isEqualTo(Value.of(42L));
        assertThat(auto.decode(utf8("\"x\""))).isEqualTo(Value.of("x"));
        assertThat(auto.decode(utf8("{\"a\":[1,true]}"))).isEqualTo(Value.of(Map.of("a", Value.of(List.of(Value.of(1L), Value.of(true))))));
        assertThat(auto.decode(utf8("TRUE"))).isEqualTo(Value.of(true));
        assertThat(auto.decode(utf8("hello world"))).isEqualTo(Value.of("hello world"));
        assertThat(auto.decode(new byte[] {(byte) 0xFF, 0x00})).isEqualTo(Value.of(new byte[] {(byte) 0xFF, 0x00}));
        assertThat(auto.decode(new byte[0])).isEqualTo(NullValue.INSTANCE);
        assertThat(auto.decode(utf8(" +5 "))).isEqualTo(Value.of(5L));              // not JSON, still a number
        assertThat(auto.decode(utf8(".5"))).isEqualTo(Value.of(0.5));
        assertThat(auto.decode(utf8("1."))).isEqualTo(Value.of("1."));              // a number must end in a digit
        assertThat(auto.decode(utf8("temperature"))).isEqualTo(Value.of("temperature"));
        assertThat(auto.decode(utf8("false"))).isEqualTo(Value.of(false));
        assertThat(auto.decode(utf8("null"))).isEqualTo(NullValue.INSTANCE);
        assertThat(auto.decode(utf8("Grüße 🎛"))).isEqualTo(Value.of("Grüße 🎛"));
        assertThat(text(auto.encode(Value.of(42L)))).isEqualTo("42");
        assertThat(text(auto.encode(Value.of(0.5)))).isEqualTo("0.5");
        assertThat(text(auto.encode(Value.of(true)))).isEqualTo("true");
        assertThat(text(auto.encode(Value.of("42")))).isEqualTo("42");   // raw: read back as Int 42 (REF asymmetry)
        assertThat(text(auto.encode(Value.of(List.of(Value.of(1L), Value.of("a")))))).isEqualTo("[1,\"a\"]");
        assertThat(auto.encode(Value.of(new byte[] {1, 2}))).containsExactly(1, 2);
        assertThat(auto.encode(NullValue.INSTANCE)).isEmpty();
    }

    @Test
    void utf8IsRecognisedExactlyAsTheJdksStrictDecoderDoes() throws Exception {
        java.util.Random random = new java.util.Random(19);
        byte[][] edges = {
                {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},           // overlong
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},                                         // a surrogate
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},                            // past U+10FFFF
                {(byte) 0xF0, (byte) 0x9F, (byte) 0x8E}, {(byte) 0xC3},                          // truncated
                {(byte) 0xF0, (byte) 0x9F, (byte) 0x8E, (byte) 0x9B}, {(byte) 0xC3, (byte) 0xBC}, // valid
                {0x41, (byte) 0x80}, {(byte) 0xFE}};
        java.util.List<byte[]> cases = new java.util.ArrayList<>(List.of(edges));
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(8)];
            for (int k = 0; k < b.length; k++) b[k] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(0x80));
            cases.add(b);
        }
        for (byte[] b : cases) {
            String strict;
            try {
                strict = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                strict = null;
            }
            assertThat(Payloads.utf8(b)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(strict);
        }
    }

    @Test
    void jsonPayloadsRoundTripEveryValue() {
        Payloads json = Payloads.JSON;
        for (Value v : List.of(Value.of("42"), Value.of(42L), Value.of(1.5), Value.of(true), Value.of(new byte[] {9, 8}),
                Value.of(Map.of("k", Value.of("v"))), Value.of(List.of(Value.of("x"))))) {
            assertThat(json.decode(json.encode(v))).as(v.toString()).isEqualTo(v);
        }
        assertThat(text(json.encode(Value.of("42")))).isEqualTo("\"42\"");
        assertThat(json.decode(utf8("not json"))).isEqualTo(Value.of("not json"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
