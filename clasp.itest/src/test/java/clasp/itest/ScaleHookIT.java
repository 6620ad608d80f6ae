package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

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
import java.util.Optional;
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
 * The example write hook (clasp.hook.scale) in the runtime, as an admin uses it: an instance created with
 * {@code clasp.hook:create}, then a SET from one WebSocket client reaching another already scaled, offset and
 * clamped, and stored so; other addresses untouched; a second instance ranked higher runs before it; deleted, it
 * no longer applies.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ScaleHookIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private CommandProcessor processor;

    @Inject
    private Router router;

    @Configuration
    public Option[] configuration() throws IOException {
        return Provisioning.freshQuietRuntime(etc());
    }

    private static Path etc() {
        return Provisioning.workDir().resolve("hook-etc");
    }

    @Before
    public void commandsAndListenerAreUp() {
        Eventually.await(WAIT, "clasp.hook:types registered", () -> run("clasp.hook:types") != null);
        Eventually.await(WAIT, "the default listener online",
                () -> transport().map(t -> t.state() == PluginState.ONLINE).orElse(false));
    }

    @Test
    public void aCreatedScaleHookTransformsASetSeenByASubscriberOverWebSocket() throws Exception {
        String types = run("clasp.hook:types");
        assertTrue(types, types.startsWith("clasp.hook.scale  CLASP scale hook  (clasp.hook.scale)"));
        assertLine(" +pattern +String.*", types);

        String created = run("clasp.hook:create scale gain pattern=/mixer/*/gain scale=0.01 offset=0.1 min=0 max=1");
        assertTrue(created, created.startsWith("created clasp.hook.scale~gain (" + etc().resolve("clasp.hook.scale-gain.cfg") + ")\n"));
        assertLine("state  ONLINE: transform, ranking 0", created);   // create waits for the hook's service
        assertLine("gain +transform +0 +clasp\\.hook\\.scale +active +-", run("clasp.hook:list"));

        int port = port();
        try (ClaspWebSocketClient watcher = ClaspWebSocketClient.connect(port, "hook-watcher");
             ClaspWebSocketClient writer = ClaspWebSocketClient.connect(port, "hook-writer")) {
            int from = watcher.count();
            watcher.send(new SubscribeMessage(1, "/mixer/**"));
            watcher.send(PingMessage.INSTANCE);   // its PONG: the subscription is registered before the SETs below
            watcher.await(from, m -> m instanceof PongMessage, WAIT);
            writer.send(new SetMessage("/mixer/ch1/gain", Value.of(50.0)));
            writer.send(new SetMessage("/mixer/ch2/gain", Value.of(250.0)));
            writer.send(new SetMessage("/mixer/ch1/pan", Value.of(50.0)));
            assertEquals(Value.of(0.6), setValue(watcher, from, "/mixer/ch1/gain"));   // 50 × 0.01 + 0.1
            assertEquals(Value.of(1.0), setValue(watcher, from, "/mixer/ch2/gain"));   // 2.6, clamped to max
            assertEquals(Value.of(50.0), setValue(watcher, from, "/mixer/ch1/pan"));   // not matched: as sent
            assertEquals(Value.of(0.6), router.param("/mixer/ch1/gain").orElseThrow().value());

            // A second instance ranked higher runs first: (20 × 2) × 0.01 + 0.1, not (20 × 0.01 + 0.1) × 2.
            String boost = run("clasp.hook:create scale boost pattern=/mixer/** scale=2 service.ranking=10");
            assertLine("state  ONLINE: transform, ranking 10", boost);
            String list = run("clasp.hook:list");
            assertLine("boost +transform +10 +clasp\\.hook\\.scale +active +-", list);
            assertTrue(list, list.indexOf("boost ") < list.indexOf("gain "));
            from = watcher.count();
            writer.send(new SetMessage("/mixer/ch1/gain", Value.of(20.0)));
            assertEquals(Value.of(0.5), setValue(watcher, from, "/mixer/ch1/gain"));
            assertTrue(run("clasp.hook:delete scale boost").startsWith("deleted clasp.hook.scale~boost"));

            String deleted = run("clasp.hook:delete scale gain");
            assertTrue(deleted, deleted.startsWith("deleted clasp.hook.scale~gain"));
            Eventually.await(WAIT, "the hook's service gone", () -> run("clasp.hook:list").contains("no hooks"));
            assertFalse(Files.exists(etc().resolve("clasp.hook.scale-gain.cfg")));
            from = watcher.count();
            writer.send(new SetMessage("/mixer/ch1/gain", Value.of(50.0)));
            assertEquals(Value.of(50.0), setValue(watcher, from, "/mixer/ch1/gain"));
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

    /** Runs a command line as the shell does: what it printed, then its result as the shell formats it. */
    private String run(String line) throws Exception { return ShellLines.run(processor, line); }

    private static void assertLine(String regex, String text) { ShellLines.assertLine(regex, text); }
}
