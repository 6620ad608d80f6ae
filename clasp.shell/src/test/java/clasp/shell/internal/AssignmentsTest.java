package clasp.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Conversion by the attribute types of real metatype XML, read by the Felix MetaType reader. */
class AssignmentsTest {
    private static FactoryType websocket;
    private static FactoryType demo;

    @BeforeAll
    static void read() throws IOException {
        websocket = MetaTypeXml.read("/metatype/websocket.xml").get(0);
        demo = MetaTypeXml.read("/metatype/demo-bridge.xml").get(0);
    }

    private static Object convert(FactoryType type, String key, String raw) throws UserError {
        return Assignments.convert(key, raw, type.attribute(key).orElse(null), null);
    }

    @Test
    void valuesTakeTheirAttributeType() throws UserError {
        assertThat(convert(websocket, "port", "7331")).isEqualTo(7331);
        assertThat(convert(websocket, "port", " 7331 ")).isEqualTo(7331);
        assertThat(convert(websocket, "epoll", "FALSE")).isEqualTo(false);
        assertThat(convert(websocket, "host", "127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(convert(demo, "sessionExpiry", "86400000000")).isEqualTo(86_400_000_000L);
        assertThat(convert(demo, "rate", "29.97")).isEqualTo(29.97);
        assertThat(convert(demo, "gain", "0.5")).isEqualTo(0.5f);
        assertThat(convert(demo, "separator", ".")).isEqualTo('.');
        assertThat(convert(demo, ".password", "s3cret")).isEqualTo("s3cret");
        assertThat(convert(demo, "mode", "sub")).isEqualTo("sub");
    }

    @Test
    void arraysAreCommaSeparatedWithOrWithoutBrackets() throws UserError {
        assertThat((String[]) convert(demo, "topics", "a/#, b/+")).containsExactly("a/#", "b/+");
        assertThat((String[]) convert(demo, "topics", "[a/#,b/+]")).containsExactly("a/#", "b/+");
        assertThat((String[]) convert(demo, "topics", "[]")).isEmpty();
        assertThat((Integer[]) convert(demo, "ports", "80,443")).containsExactly(80, 443);
    }

    @Test
    void keysTheTypeDoesNotDescribeStayStringsOrTakeTheExistingType() throws UserError {
        assertThat(convert(websocket, "clasp.transport.id", "main")).isEqualTo("main");
        assertThat(Assignments.convert("retries", "5", null, 3L)).isEqualTo(5L);
        assertThat(Assignments.convert("on", "true", null, Boolean.FALSE)).isEqualTo(true);
        assertThat((int[]) Assignments.convert("ids", "1,2", null, new int[] {9})).containsExactly(1, 2);
        assertThat(Assignments.convert("name", "5", null, "old")).isEqualTo("5");
    }

    @Test
    void badValuesAreOneLineNamingTheKey() {
        assertThatThrownBy(() -> convert(websocket, "port", "http")).hasMessage("port: expected an int, got 'http'");
        assertThatThrownBy(() -> convert(websocket, "port", "70000")).hasMessage("port=70000: greater than maximum");
        assertThatThrownBy(() -> convert(websocket, "port", "-1")).hasMessage("port=-1: less than minimum");
        assertThatThrownBy(() -> convert(websocket, "epoll", "yes")).hasMessage("epoll: expected true or false, got 'yes'");
        assertThatThrownBy(() -> convert(demo, "sessionExpiry", "1h")).hasMessage("sessionExpiry: expected a long, got '1h'");
        assertThatThrownBy(() -> convert(demo, "rate", "fast")).hasMessage("rate: expected a double, got 'fast'");
        assertThatThrownBy(() -> convert(demo, "separator", "::")).hasMessage("separator: expected one character, got '::'");
        assertThatThrownBy(() -> convert(demo, "mode", "both")).hasMessage("mode: 'both' is not one of pub, sub");
        assertThatThrownBy(() -> convert(demo, "ports", "1,2,3,4")).hasMessage("ports takes at most 3 values, got 4");
        assertThatThrownBy(() -> convert(demo, "ports", "80,0")).hasMessage("ports=80,0: less than minimum");
    }

    @Test
    void parseSplitsKeyValueWordsAndRefusesWhatIsNotOne() throws UserError {
        assertThat(Assignments.parse(List.of("host=127.0.0.1", "uri=tcp://h:1?a=b", "port=", ".password=x")))
                .containsExactly(Map.entry("host", "127.0.0.1"), Map.entry("uri", "tcp://h:1?a=b"),
                        new java.util.AbstractMap.SimpleEntry<>("port", null), Map.entry(".password", "x"));
        assertThatThrownBy(() -> Assignments.parse(List.of("port"))).hasMessage("expected key=value, got 'port'");
        assertThatThrownBy(() -> Assignments.parse(List.of("=1"))).hasMessage("expected key=value, got '=1'");
        assertThatThrownBy(() -> Assignments.parse(List.of("a b=1"))).hasMessage("invalid property key 'a b'");
        assertThatThrownBy(() -> Assignments.parse(List.of("felix.fileinstall.filename=x")))
                .hasMessage("felix.fileinstall.filename is set by Config Admin or fileinstall, not by hand");
        assertThatThrownBy(() -> Assignments.parse(List.of("a=1", "a=2"))).hasMessage("a is given twice");
    }
}
