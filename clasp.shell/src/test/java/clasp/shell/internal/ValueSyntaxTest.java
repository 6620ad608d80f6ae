package clasp.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.BytesValue;
import clasp.api.NullValue;
import clasp.api.StringValue;
import clasp.api.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueSyntaxTest {

    @Test
    void barewordsReadAsAUserExpects() throws UserError {
        assertThat(ValueSyntax.parse("true")).isEqualTo(Value.of(true));
        assertThat(ValueSyntax.parse("false")).isEqualTo(Value.of(false));
        assertThat(ValueSyntax.parse("null")).isSameAs(NullValue.INSTANCE);
        assertThat(ValueSyntax.parse("42")).isEqualTo(Value.of(42L));
        assertThat(ValueSyntax.parse("-7")).isEqualTo(Value.of(-7L));
        assertThat(ValueSyntax.parse("+7")).isEqualTo(Value.of(7L));
        assertThat(ValueSyntax.parse("1.5")).isEqualTo(Value.of(1.5));
        assertThat(ValueSyntax.parse("1.")).isEqualTo(Value.of(1.0));
        assertThat(ValueSyntax.parse(".5")).isEqualTo(Value.of(0.5));
        assertThat(ValueSyntax.parse("1e3")).isEqualTo(Value.of(1000.0));
        assertThat(ValueSyntax.parse("2.5E-1")).isEqualTo(Value.of(0.25));
        assertThat(ValueSyntax.parse("hello world")).isEqualTo(Value.of("hello world"));
        assertThat(ValueSyntax.parse("")).isEqualTo(Value.of(""));
        assertThat(ValueSyntax.parse("True")).isEqualTo(Value.of("True"));
        assertThat(ValueSyntax.parse("NaN")).isEqualTo(Value.of("NaN"));
        assertThat(ValueSyntax.parse("1,5")).isEqualTo(Value.of("1,5"));
        assertThat(ValueSyntax.parse("/a/b")).isEqualTo(Value.of("/a/b"));
    }

    @Test
    void anIntegerBeyondI64IsAFloat() throws UserError {
        assertThat(ValueSyntax.parse("9223372036854775807")).isEqualTo(Value.of(Long.MAX_VALUE));
        assertThat(ValueSyntax.parse("9223372036854775808")).isEqualTo(Value.of(9.223372036854775808E18));
    }

    @Test
    void jsonIsStrict() throws UserError {
        assertThat(ValueSyntax.parse("[1, 2.5, \"x\", true, null, []]")).isEqualTo(Value.of(List.of(Value.of(1L),
                Value.of(2.5), Value.of("x"), Value.of(true), NullValue.INSTANCE, Value.of(List.of()))));
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("b", Value.of(1L));
        m.put("a", Value.of(List.of(Value.of(-0.5))));
        assertThat(ValueSyntax.parse("{\"b\":1,\"a\":[-5e-1]}")).isEqualTo(Value.of(m));
        assertThat(ValueSyntax.parse("\"1.5\"")).isEqualTo(Value.of("1.5"));
        assertThat(ValueSyntax.parse("\"t\\\"ab\\\\\\n\\u00e9\\/\"")).isEqualTo(Value.of("t\"ab\\\n\u00e9/"));
        assertThat(ValueSyntax.parse(" {} ".trim())).isEqualTo(Value.of(Map.of()));
    }

    @Test
    void badJsonIsOneLineSayingWhereAndHowToQuote() {
        assertThatThrownBy(() -> ValueSyntax.parse("[1,2")).hasMessage(
                "invalid JSON at column 5: ']' is missing (write JSON in single quotes, e.g. '[1,2]' or '{\"a\":1}')");
        assertThatThrownBy(() -> ValueSyntax.parse("{a:1}")).hasMessageStartingWith("invalid JSON at column 2: expected a \"key\"");
        assertThatThrownBy(() -> ValueSyntax.parse("[01]")).hasMessageStartingWith("invalid JSON at column 3: expected ',' or ']'");
        assertThatThrownBy(() -> ValueSyntax.parse("[1,]")).hasMessageStartingWith("invalid JSON at column 4: unexpected ']'");
        assertThatThrownBy(() -> ValueSyntax.parse("{\"a\":1,\"a\":2}")).hasMessageStartingWith("invalid JSON at column 8: duplicate key \"a\"");
        assertThatThrownBy(() -> ValueSyntax.parse("\"abc")).hasMessageStartingWith("invalid JSON at column 5: closing '\"' is missing");
        assertThatThrownBy(() -> ValueSyntax.parse("[1] x")).hasMessageStartingWith("invalid JSON at column 5: unexpected 'x' after the value");
        assertThatThrownBy(() -> ValueSyntax.parse("\"\\q\"")).hasMessageStartingWith("invalid JSON at column 2: unknown escape \\q");
        assertThatThrownBy(() -> ValueSyntax.parse("[" .repeat(100) + "]".repeat(100))).hasMessageContaining("nested deeper than 64");
    }

    /** What Gogo hands over, as its parser produces it (see the Gogo notes in the class comment). */
    @Test
    void gogoArgumentsConvertByTheSameRules() throws UserError {
        assertThat(ValueSyntax.fromShell(null)).isSameAs(NullValue.INSTANCE);
        assertThat(ValueSyntax.fromShell(Boolean.TRUE)).isEqualTo(Value.of(true));
        assertThat(ValueSyntax.fromShell(1L)).isEqualTo(Value.of(1L));
        assertThat(ValueSyntax.fromShell(1.5)).isEqualTo(Value.of(1.5));
        assertThat(ValueSyntax.fromShell("1.5")).isEqualTo(Value.of(1.5));
        assertThat(ValueSyntax.fromShell("\"1.5\"")).isEqualTo(Value.of("1.5"));
        // [1,2] is Gogo's list of the one word "1,2"; [1, 2] is "1," and 2; both are read back as JSON
        assertThat(ValueSyntax.fromShell(new ArrayList<>(List.of("1,2")))).isEqualTo(Value.of(List.of(Value.of(1L), Value.of(2L))));
        assertThat(ValueSyntax.fromShell(new ArrayList<>(List.of("1,", 2L)))).isEqualTo(Value.of(List.of(Value.of(1L), Value.of(2L))));
        // [1 2 x] is a Gogo list proper
        assertThat(ValueSyntax.fromShell(new ArrayList<>(List.of(1L, 2L, "x")))).isEqualTo(
                Value.of(List.of(Value.of(1L), Value.of(2L), Value.of("x"))));
        Map<String, Object> gogoMap = new LinkedHashMap<>();
        gogoMap.put("a", 1L);
        gogoMap.put("b", "on");
        Map<String, Value> expected = new LinkedHashMap<>();
        expected.put("a", Value.of(1L));
        expected.put("b", Value.of("on"));
        assertThat(ValueSyntax.fromShell(gogoMap)).isEqualTo(Value.of(expected));
    }

    @Test
    void aGogoListThatLostItsQuotesIsRefusedWithTheHint() {
        // ["a","b"] unquoted: Gogo drops the inner quotes and hands over the one word a,b
        assertThatThrownBy(() -> ValueSyntax.fromShell(new ArrayList<>(List.of("a,b"))))
                .isInstanceOf(UserError.class)
                .hasMessage("cannot read the list [a,b]: write JSON in single quotes, e.g. '[1,2]' or '{\"a\":1}'");
    }

    @Test
    void valuesShowAsJsonThatReadsBack() throws UserError {
        Value v = ValueSyntax.parse("{\"s\":\"q\\\"\\\\\\n\",\"i\":1,\"f\":1.0,\"b\":false,\"n\":null,\"a\":[1,[2.5]]}");
        String shown = ValueSyntax.format(v);
        assertThat(shown).isEqualTo("{\"s\":\"q\\\"\\\\\\n\",\"i\":1,\"f\":1.0,\"b\":false,\"n\":null,\"a\":[1,[2.5]]}");
        assertThat(ValueSyntax.parse(shown)).isEqualTo(v);
        assertThat(ValueSyntax.format(new StringValue("\u0001"))).isEqualTo("\"\\u0001\"");
        assertThat(ValueSyntax.format(BytesValue.copyOf(new byte[] {1, (byte) 0xab}))).isEqualTo("bytes:01ab");
        assertThat(ValueSyntax.format(Value.of(Double.NaN))).isEqualTo("\"NaN\"");
    }
}
