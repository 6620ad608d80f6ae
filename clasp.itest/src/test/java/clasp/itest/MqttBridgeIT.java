package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import clasp.api.Value;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The MQTT bridge in the runtime against a real mosquitto: created from the shell (its password never printed),
 * mapping both ways, then its bundle uninstalled while CLASP writes: none of its threads (nor Paho's) stays, and
 * the router goes on serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MqttBridgeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject private CommandProcessor processor;
    @Inject private Router router;
    @Inject private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        return Provisioning.freshQuietRuntime(Provisioning.workDir().resolve("mqtt-etc"));
    }

    private String run(String line) throws Exception { return ShellLines.run(processor, line); }

    @Test
    public void createdFromTheShellMappingBothWaysAndUninstalledUnderTrafficWithoutLeftovers() throws Exception {
        BridgeBundle mqtt = new BridgeBundle(router, context, "mqtt");
        mqtt.awaitType(processor);
        try (Mosquitto broker = Mosquitto.start()) {
            String created = run("clasp.bridge:create mqtt it-mqtt brokerUri=" + broker.uri()
                    + " namespace=/itm username=desk .password=hunter2 clientId=it-mqtt-client");
            assertFalse("the password is never printed: " + created, created.contains("hunter2"));
            ShellLines.assertLine("  \\.password +\\*{8}", created);
            // create reports the first state the bridge shows: connecting, or already connected
            ShellLines.assertLine("state  (CONNECTING|ONLINE): .*" + broker.uri().replace(".", "\\.") + ".*", created);
            mqtt.awaitState("it-mqtt", PluginState.ONLINE);
            assertTrue(mqtt.instance("it-mqtt").orElseThrow().detail().startsWith("connected to " + broker.uri() + " (MQTT 5) as it-mqtt-client"));

            LocalSession writer = router.openSession("mqtt-it", false);
            writer.set("/itm/desk/level", Value.of(0.5));
            Eventually.until("the retained message at the broker", WAIT,
                    () -> broker.sub("-t", "desk/level", "-q", "2", "--retained-only", "-C", "1", "-W", "1", "-F", "%r %q %t %p"),
                    lines -> lines.equals(List.of("1 1 desk/level 0.5")));
            broker.pub("-q", "1", "-t", "desk/fader", "-m", "42");
            Eventually.until("the SET from mosquitto_pub", WAIT, () -> router.param("/itm/desk/fader").map(p -> p.value()),
                    v -> v.equals(Optional.of(Value.of(42L))));

            // MQTT 3.1.1 through Paho's own bundle, beside it on the same broker (another namespace, another topic).
            run("clasp.bridge:create mqtt it-mqtt3 brokerUri=" + broker.uri() + " mqttVersion=3.1.1 namespace=/itm3"
                    + " inboundTopics=v3/# clientId=it-mqtt3-client");
            mqtt.awaitState("it-mqtt3", PluginState.ONLINE);
            assertTrue(mqtt.instance("it-mqtt3").orElseThrow().detail().startsWith("connected to " + broker.uri() + " (MQTT 3.1.1)"));
            broker.pub("-q", "2", "-t", "v3/knob", "-m", "\"warm\"");
            Eventually.until("the SET through the 3.1.1 bridge", WAIT, () -> router.param("/itm3/v3/knob").map(p -> p.value()),
                    v -> v.equals(Optional.of(Value.of("warm"))));

            // Under traffic: SETs keep coming while the bundle goes.
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong written = new AtomicLong();
            Thread traffic = new Thread(() -> {
                while (writing.get()) {
                    try {
                        writer.set("/itm/desk/t", Value.of(written.incrementAndGet()));
                        Thread.sleep(2);
                    } catch (ClaspException | InterruptedException e) {
                        return;
                    }
                }
            }, "mqtt-it-traffic");
            traffic.start();
            Eventually.await(WAIT, "traffic flowing through the bridge", () -> mqtt.instance("it-mqtt").map(b -> b.messagesOut() > 20).orElse(false));
            mqtt.uninstall();
            mqtt.awaitGone("it-mqtt", "it-mqtt3");
            Eventually.until("no thread of the bridge or of Paho", WAIT, MqttBridgeIT::bridgeThreads, List::isEmpty);
            long before = written.get();
            Eventually.await(WAIT, "the router still taking SETs", () -> written.get() > before + 10);
            writing.set(false);
            traffic.join(10_000);
            assertEquals(Value.of(written.get()), router.param("/itm/desk/t").orElseThrow().value());
            assertTrue("the default listener still online", router.transports().stream()
                    .anyMatch(t -> t.id().equals("default") && t.state() == PluginState.ONLINE));
        }
    }

    /** Threads named or grouped clasp-bridge-mqtt-…, and Paho's (it names them "MQTT Rec: <clientId>" and so on). */
    private static List<String> bridgeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("clasp-bridge-mqtt-") || t.getName().startsWith("MQTT ")
                        || (t.getThreadGroup() != null && t.getThreadGroup().getName().startsWith("clasp-bridge-mqtt-")))
                .map(Thread::getName).toList();
    }
}
