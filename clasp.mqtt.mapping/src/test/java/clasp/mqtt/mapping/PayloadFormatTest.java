package clasp.mqtt.mapping;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payload ↔ value as bridges.md §7.3 and §0.1 state, for each payload format. */
class PayloadFormatTest {
    private static Value auto(String text) { return PayloadFormat.AUTO.decode(text.getBytes(UTF_8)); }

    private static String out(PayloadFormat f, Value v) {
        byte[] b = f.encode(v);
        return b == null ? null : new String(b, UTF_8);
    }

    @Test void autoDecodesJsonThenDecimalThenBooleanThenString() {
        assertThat(auto("42")).isEqualTo(Value.of(42L));
        assertThat(auto("22.5")).isEqualTo(Value.of(22.5));
        assertThat(auto("3.0")).isEqualTo(Value.of(3.0));          // fits in i64 only without fraction
        assertThat(auto("1e2")).isEqualTo(Value.of(100.0));
        assertThat(auto("99999999999999999999")).isEqualTo(Value.of(1e20));   // beyond i64: Float
        assertThat(auto("\"x\"")).isEqualTo(Value.of("x"));
        assertThat(auto("true")).isEqualTo(Value.of(true));
        assertThat(auto("null")).isEqualTo(Value.ofNull());
        assertThat(auto("007")).isEqualTo(Value.of(7L));           // no JSON (leading zeros), a decimal number
        assertThat(auto("+5")).isEqualTo(Value.of(5L));
        assertThat(auto("hello")).isEqualTo(Value.of("hello"));
        assertThat(auto("temperature")).isEqualTo(Value.of("temperature"));   // starts like JSON true, is text
        assertThat(auto("TRUE")).isEqualTo(Value.of("TRUE"));                 // true/false as written only
        assertThat(auto("Grüße 🎛")).isEqualTo(Value.of("Grüße 🎛"));
        assertThat(auto("42 43")).isEqualTo(Value.of("42 43"));    // two JSON values are no JSON document
        assertThat(auto("")).isEqualTo(Value.of(""));
        Map<String, Value> map = new LinkedHashMap<>();
        map.put("a", Value.of(1L));
        map.put("b", Value.of(List.of(Value.of(true), Value.ofNull())));
        assertThat(auto("{\"a\":1,\"b\":[true,null]}")).isEqualTo(Value.of(map));
        assertThat(PayloadFormat.AUTO.decode(new byte[] {(byte) 0xff, 0, 1})).isEqualTo(Value.of(new byte[] {(byte) 0xff, 0, 1}));
    }

    @Test void autoEncodesAsTheReference() {
        assertThat(out(PayloadFormat.AUTO, Value.ofNull())).isEqualTo("null");
        assertThat(out(PayloadFormat.AUTO, Value.of(false))).isEqualTo("false");
        assertThat(out(PayloadFormat.AUTO, Value.of(42L))).isEqualTo("42");
        assertThat(out(PayloadFormat.AUTO, Value.of(22.5))).isEqualTo("22.5");
        assertThat(out(PayloadFormat.AUTO, Value.of(3.0))).isEqualTo("3.0");
        assertThat(out(PayloadFormat.AUTO, Value.of(1e20))).isEqualTo("100000000000000000000.0");
        assertThat(out(PayloadFormat.AUTO, Value.of(Double.NaN))).isEqualTo("null");
        assertThat(out(PayloadFormat.AUTO, Value.of("42"))).isEqualTo("42");           // raw, not JSON-quoted
        assertThat(PayloadFormat.AUTO.encode(Value.of(new byte[] {1, 2}))).containsExactly(1, 2);
        assertThat(out(PayloadFormat.AUTO, Value.of(List.of(Value.of(1L), Value.of("a"))))).isEqualTo("[1,\"a\"]");
    }

    @Test void jsonIsLosslessForStrings() {
        assertThat(out(PayloadFormat.JSON, Value.of("42"))).isEqualTo("\"42\"");
        assertThat(PayloadFormat.JSON.decode("\"42\"".getBytes(UTF_8))).isEqualTo(Value.of("42"));
        assertThat(out(PayloadFormat.JSON, Value.of(new byte[] {1, (byte) 255}))).isEqualTo("[1,255]");
        assertThat(PayloadFormat.JSON.decode("not json".getBytes(UTF_8))).isNull();
    }

    @Test void numberStringAndBytesFixOneEncoding() {
        assertThat(PayloadFormat.NUMBER.decode("12".getBytes(UTF_8))).isEqualTo(Value.of(12L));
        assertThat(PayloadFormat.NUMBER.decode("-0.5".getBytes(UTF_8))).isEqualTo(Value.of(-0.5));
        assertThat(PayloadFormat.NUMBER.decode("on".getBytes(UTF_8))).isNull();
        assertThat(PayloadFormat.NUMBER.encode(Value.of("x"))).isNull();
        assertThat(out(PayloadFormat.NUMBER, Value.of(7L))).isEqualTo("7");
        assertThat(PayloadFormat.STRING.decode("42".getBytes(UTF_8))).isEqualTo(Value.of("42"));
        assertThat(PayloadFormat.BYTES.decode("42".getBytes(UTF_8))).isEqualTo(Value.of("42".getBytes(UTF_8)));
        assertThat(out(PayloadFormat.BYTES, Value.of("ab"))).isEqualTo("ab");
        assertThat(PayloadFormat.named(" Json ")).isEqualTo(PayloadFormat.JSON);
        assertThat(PayloadFormat.named("xml")).isNull();
    }

    @Test void utf8IsRecognisedExactlyAsTheJdksStrictDecoderDoes() {
        java.util.Random random = new java.util.Random(19);
        byte[][] edges = {
                {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},           // overlong
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},                                         // a surrogate
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},                            // past U+10FFFF
                {(byte) 0xF0, (byte) 0x9F, (byte) 0x8E}, {(byte) 0xC3},                          // truncated
                {(byte) 0xF0, (byte) 0x9F, (byte) 0x8E, (byte) 0x9B}, {(byte) 0xC3, (byte) 0xBC}, // valid
                {0x41, (byte) 0x80}, {(byte) 0xFE}};
        List<byte[]> cases = new java.util.ArrayList<>(List.of(edges));
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(8)];
            for (int k = 0; k < b.length; k++) b[k] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(0x80));
            cases.add(b);
        }
        for (byte[] b : cases) {
            String strict;
            try {
                strict = UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                strict = null;
            }
            assertThat(PayloadFormat.utf8(b)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(strict);
        }
    }
}
