package clasp.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import javax.sound.midi.spi.MidiDeviceProvider;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The MIDI bridge in the runtime, on Java Sound inside Felix, with a loopback MIDI device the test registers as an
 * OSGi {@link MidiDeviceProvider} service: created from the shell, a WebSocket client's SET leaves the device's
 * output as MIDI bytes and a note played into its input reaches the client, then the bridge's bundle is uninstalled
 * while MIDI keeps arriving: the device is closed, nothing listens to it, no thread of the bridge is left and the
 * router goes on serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MidiBridgeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject private CommandProcessor processor;
    @Inject private Router router;
    @Inject private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        return Provisioning.freshQuietRuntime(Provisioning.workDir().resolve("midi-etc"));
    }

    @Test
    public void aWebSocketClientsSetBecomesMidiBytesAndBackAndTheBundleGoesUnderTrafficWithoutLeftovers() throws Exception {
        int webSocketPort = URI.create(Listeners.awaitDefault(router).endpoint()).getPort();
        BridgeBundle midi = new BridgeBundle(router, context, "midi");
        midi.awaitType(processor);
        MidiLoopback loopback = new MidiLoopback("clasp-it-loopback");
        ServiceRegistration<MidiDeviceProvider> registration = context.registerService(MidiDeviceProvider.class, loopback.provider(), null);
        try (ClaspWebSocketClient desk = ClaspWebSocketClient.connect(webSocketPort, "midi-it desk")) {
            String created = ShellLines.run(processor, "clasp.bridge:create midi it-midi inputDevice=clasp-it-loopback "
                    + "outputDevice=clasp-it-loopback device=desk rescanSeconds=1");
            ShellLines.assertLine("state  (CONNECTING|ONLINE): .*", created);
            midi.awaitState("it-midi", PluginState.ONLINE);
            assertTrue(midi.instance("it-midi").orElseThrow().detail(), midi.instance("it-midi").orElseThrow().detail()
                    .startsWith("in: clasp-it-loopback, out: clasp-it-loopback; /midi/desk; "));

            desk.send(new SetMessage("/midi/desk/ch/1/cc/7", Value.of(100L)));
            assertArrayEquals(new byte[] {(byte) 0xB0, 0x07, 0x64}, loopback.next(30));
            desk.send(new SetMessage("/midi/desk/ch/2/bend", Value.of(8191L)));
            assertArrayEquals(new byte[] {(byte) 0xE1, 0x7F, 0x7F}, loopback.next(30));

            desk.send(new SubscribeMessage(1, "/midi/desk/**"));
            int from = desk.count();
            Eventually.await(WAIT, "the subscription in place", () -> {   // SUBSCRIBE has no answer: play until heard
                loopback.play(0x90, 0x3C, 0x64);
                return desk.since(from).stream().anyMatch(r -> r.message() instanceof SetMessage s
                        && s.address().equals("/midi/desk/ch/1/note/60") && s.value().equals(Value.of(100L)));
            });

            // Under traffic: controller changes keep arriving while the bundle goes.
            AtomicBoolean playing = new AtomicBoolean(true);
            AtomicLong played = new AtomicLong();
            Thread traffic = new Thread(() -> play(loopback, playing, played), "midi-it-traffic");
            traffic.start();
            Eventually.await(WAIT, "traffic through the bridge", () -> router.param("/midi/desk/ch/1/cc/1").isPresent());
            midi.uninstall();
            midi.awaitGone("it-midi");
            midi.awaitNoThread();
            Eventually.await(WAIT, "the device closed and not listened to", () -> !loopback.isOpen() && loopback.listeners() == 0);
            playing.set(false);
            traffic.join(10_000);
            assertFalse("the traffic thread ended", traffic.isAlive());
            assertEquals(0, loopback.listeners());

            desk.send(new SetMessage("/midi/desk/after", Value.of(1L)));
            Eventually.await(WAIT, "the router still taking SETs", () -> router.param("/midi/desk/after").isPresent());
        } finally {
            registration.unregister();
        }
    }

    /** "B0 01 n" (n counting 0-127 round) every 2 ms. */
    private static void play(MidiLoopback loopback, AtomicBoolean playing, AtomicLong played) {
        try {
            while (playing.get()) {
                loopback.play(0xB0, 0x01, (int) (played.incrementAndGet() % 128));
                Thread.sleep(2);
            }
        } catch (Exception e) {
            playing.set(false);
        }
    }
}
