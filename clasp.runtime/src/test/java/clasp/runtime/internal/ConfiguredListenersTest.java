package clasp.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredListenersTest {
    @TempDir
    Path etc;

    @Test
    void oneListenerPerTransportFileNamedAsTheRouterShowsIt() throws Exception {
        Files.writeString(etc.resolve("clasp.transport.websocket-default.cfg"), "host=127.0.0.1\nport=7330\n");
        Files.writeString(etc.resolve("clasp.transport.websocket-foh-2.cfg"), "port=7331\n");
        Files.writeString(etc.resolve("clasp.transport.websocket-stage.cfg"), "clasp.transport.id = T\"main stage\"\n");
        Files.writeString(etc.resolve("clasp.transport.websocket-plain.cfg"), "clasp.transport.id=plain-id\n");
        Files.writeString(etc.resolve("clasp.router.cfg"), "name=x\n");
        Files.writeString(etc.resolve("clasp.bridge.osc-desk.cfg"), "port=9000\n");
        Files.writeString(etc.resolve("clasp.transport.websocket-old.cfg.bak"), "port=1\n");
        Files.writeString(etc.resolve(".clasp-defaults"), "#\n");
        Files.writeString(etc.resolve("clasp.transport.tcp-default.cfg"), "port=7331\n"); // another kind, the same name

        assertThat(ConfiguredListeners.in(etc)).containsExactly(listener("tcp", "default"), listener("websocket", "default"),
                listener("websocket", "foh-2"), listener("websocket", "main stage"), listener("websocket", "plain-id"));
    }

    private static ConfiguredListeners.Listener listener(String kind, String id) {
        return new ConfiguredListeners.Listener(kind, id);
    }

    @Test
    void aMissingFolderConfiguresNoListener() {
        assertThat(ConfiguredListeners.in(etc.resolve("absent"))).isEmpty();
    }
}
