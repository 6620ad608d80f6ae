package clasp.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What create checks and converts before it touches Config Admin (which needs a framework: the in-framework
 * test ShellCommandsIT covers the rest).
 */
class FactoryInstancesTest {
    private static final Path ETC = Path.of("/srv/clasp/etc");
    private static List<FactoryType> types;

    @BeforeAll
    static void read() throws IOException {
        types = MetaTypeXml.all();
    }

    private static FactoryInstances transports() {
        return new FactoryInstances(null, () -> types, ETC, "clasp.transport.", "clasp.transport.id", "clasp.transport",
                "transport kind");
    }

    private static FactoryInstances bridges() {
        return new FactoryInstances(null, () -> types, ETC, "clasp.bridge.", "clasp.bridge.id", "clasp.bridge",
                "bridge type");
    }

    @Test
    void aKindWithoutADotIsPrefixedAndOneWithADotIsTheFactoryPid() {
        assertThat(transports().factoryPid("websocket")).isEqualTo("clasp.transport.websocket");
        assertThat(transports().factoryPid("org.example.tcp")).isEqualTo("org.example.tcp");
        assertThat(bridges().factoryPid("mqtt")).isEqualTo("clasp.bridge.mqtt");
    }

    @Test
    void planConvertsByMetaTypeAndSetsTheIdToTheName() throws UserError {
        FactoryInstances.Plan plan = transports().plan("websocket", "it2", List.of("host=127.0.0.1", "port=7331"));
        assertThat(plan.pid()).isEqualTo("clasp.transport.websocket~it2");
        assertThat(plan.file()).isEqualTo(ETC.resolve("clasp.transport.websocket-it2.cfg"));
        assertThat(plan.properties()).containsOnly(java.util.Map.entry("host", "127.0.0.1"), java.util.Map.entry("port", 7331),
                java.util.Map.entry("clasp.transport.id", "it2"));

        FactoryInstances.Plan given = bridges().plan("clasp.bridge.demo", "foh-2", List.of("clasp.bridge.id=front", "qos=2"));
        assertThat(given.file()).isEqualTo(ETC.resolve("clasp.bridge.demo-foh-2.cfg"));
        assertThat(given.properties()).containsEntry("clasp.bridge.id", "front").containsEntry("qos", 2);
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> bridges().plan("mqtt", "studio", List.of())).isInstanceOf(UserError.class)
                .hasMessage("unknown bridge type 'mqtt' (factory PID clasp.bridge.mqtt); known: demo");
        assertThatThrownBy(() -> transports().plan("tcp", "a", List.of()))
                .hasMessage("unknown transport kind 'tcp' (factory PID clasp.transport.tcp); known: websocket");
        FactoryInstances none = new FactoryInstances(null, List::of, ETC, "clasp.bridge.", "clasp.bridge.id", "clasp.bridge",
                "bridge type");
        assertThatThrownBy(() -> none.plan("mqtt", "studio", List.of())).hasMessageEndingWith("known: none installed");
    }

    @Test
    void badNamesAndValuesAreOneLine() {
        assertThatThrownBy(() -> transports().plan("websocket", "a/b", List.of()))
                .hasMessage("invalid name 'a/b': use letters, digits, '_', '.', '-' (not first)");
        assertThatThrownBy(() -> transports().plan("websocket", "-x", List.of())).hasMessageStartingWith("invalid name '-x'");
        assertThatThrownBy(() -> transports().plan("web-socket", "x", List.of()))
                .hasMessage("invalid transport kind 'web-socket': a factory PID is dotted words without '-' or '~'");
        assertThatThrownBy(() -> transports().plan("websocket", "x", List.of("port=high")))
                .hasMessage("port: expected an int, got 'high'");
    }

    @Test
    void unknownKeysAreRefusedWithTheValidOnes() {
        assertThatThrownBy(() -> transports().plan("websocket", "x", List.of("host=127.0.0.1", "prot=7331")))
                .isInstanceOf(UserError.class)
                .hasMessage("unknown key 'prot' for clasp.transport.websocket: nothing changed; valid keys: clasp.transport.id, "
                        + "host, port, path, maxFrameBytes, pingIntervalSeconds, writeBufferHighWaterMark, "
                        + "writeBufferLowWaterMark, epoll");
        assertThatThrownBy(() -> bridges().plan("demo", "x", List.of("qos=1", "QoS=2", "broker=tcp://a")))
                .hasMessageStartingWith("unknown keys 'QoS', 'broker' for clasp.bridge.demo: nothing changed; valid keys: "
                        + "clasp.bridge.id, brokerUri, qos, ");
    }

    @Test
    void theIdPropertyAndPrivateAttributesAreValidKeys() throws UserError {
        assertThat(bridges().plan("demo", "x", List.of("clasp.bridge.id=y", ".password=s")).properties())
                .containsEntry("clasp.bridge.id", "y").containsEntry(".password", "s");
        assertThat(transports().plan("websocket", "x", List.of("clasp.transport.id=y")).properties())
                .containsEntry("clasp.transport.id", "y");
    }
}
