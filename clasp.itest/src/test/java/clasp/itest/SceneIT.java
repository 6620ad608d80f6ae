package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import clasp.api.MapValue;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PingMessage;
import clasp.api.message.PongMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.TransportInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Scenes in the runtime (clasp.scene), as an operator uses them: saved from the shell into the data folder, then
 * recalled by a WebSocket client's SET on the control address; another client sees the values come back and the
 * outcome in /clasp/scene/last.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SceneIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private CommandProcessor processor;

    @Inject
    private Router router;

    @Configuration
    public Option[] configuration() throws IOException {
        Path scenes = data().resolve("scenes");
        if (Files.exists(scenes)) {
            try (Stream<Path> files = Files.list(scenes)) {
                for (Path f : (Iterable<Path>) files::iterator) Files.delete(f);
            }
        }
        List<Option> options = new ArrayList<>(Arrays.asList(Provisioning.freshQuietRuntime(Provisioning.workDir().resolve("scene-etc"))));
        options.add(frameworkProperty("clasp.data").value(data().toString()));
        return options.toArray(Option[]::new);
    }

    private static Path data() {
        return Provisioning.workDir().resolve("scene-data");
    }

    @Before
    public void commandsAndListenerAreUp() {
        Eventually.await(WAIT, "clasp.scene:list registered", () -> run("clasp.scene:list").contains("control address"));
        Eventually.await(WAIT, "the default listener online",
                () -> transport().map(t -> t.state() == PluginState.ONLINE).orElse(false));
    }

    @Test
    public void aSceneSavedInTheShellIsRecalledByAClientsSetOnTheControlAddress() throws Exception {
        int port = port();
        try (ClaspWebSocketClient watcher = ClaspWebSocketClient.connect(port, "scene-watcher");
             ClaspWebSocketClient writer = ClaspWebSocketClient.connect(port, "scene-writer")) {
            writer.send(new SetMessage("/stage/level", Value.of(0.8)));
            writer.send(new SetMessage("/stage/label", Value.of("intro")));
            Eventually.await(WAIT, "the writer's values stored", () -> router.params("/stage/*").size() == 2);
            String saved = run("clasp.scene:save intro /stage/*");
            assertEquals("saved intro: 2 params matching /stage/*", saved.strip());
            assertTrue(Files.readString(data().resolve("scenes/intro.json")).contains("\"/stage/level\": 0.8"));
            writer.send(new SetMessage("/stage/level", Value.of(0.1)));
            writer.send(new SetMessage("/stage/label", Value.of("changed")));
            Eventually.await(WAIT, "the changes stored",
                    () -> Value.of("changed").equals(router.param("/stage/label").map(p -> p.value()).orElse(null)));

            int from = watcher.count();
            watcher.send(new SubscribeMessage(1, "/stage/*"));
            watcher.send(new SubscribeMessage(2, "/clasp/scene/last"));
            watcher.send(PingMessage.INSTANCE);   // its PONG: the subscriptions are registered before the SET below
            watcher.await(from, m -> m instanceof PongMessage, WAIT);
            from = watcher.count();
            writer.send(new SetMessage("/clasp/scene/recall", Value.of("intro")));

            MapValue last = (MapValue) setValue(watcher, from, "/clasp/scene/last");
            assertEquals(Value.of("intro"), last.get("name"));
            assertEquals(Value.of("recalled"), last.get("status"));
            assertEquals(Value.of("recalled intro: 2 params"), last.get("detail"));
            assertEquals(Value.of(0.8), setValue(watcher, from, "/stage/level"));
            assertEquals(Value.of("intro"), setValue(watcher, from, "/stage/label"));
            ShellLines.assertLine("intro +2 +/stage/\\* +\\S+Z", run("clasp.scene:list"));
        }
    }

    /** The value of the first SET to {@code address} the client received at or after {@code from}. */
    private static Value setValue(ClaspWebSocketClient client, int from, String address) throws InterruptedException {
        Message m = client.await(from, x -> x instanceof SetMessage s && s.address().equals(address), WAIT);
        return ((SetMessage) m).value();
    }

    private int port() {
        String endpoint = transport().orElseThrow().endpoint();   // ws://127.0.0.1:<port>/
        return Integer.parseInt(endpoint.replaceAll(".*:(\\d+)/?$", "$1"));
    }

    private Optional<TransportInfo> transport() {
        return router.transports().stream().filter(t -> t.id().equals("default")).findFirst();
    }

    private String run(String line) {
        try {
            return ShellLines.run(processor, line);
        } catch (Exception e) {
            return "";   // not registered yet
        }
    }
}
