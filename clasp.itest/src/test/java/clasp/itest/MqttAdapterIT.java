package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router's MQTT adapter in the exported runtime, enabled at the shell as an administrator does it
 * ({@code clasp.transport:create mqtt …}, the runtime in a terminal; one runtime for the class), against Debian's
 * {@code mosquitto_pub} and {@code mosquitto_sub} and a CLASP WebSocket client. Topic {@code T} is address
 * {@code /mqtt/T} (the default namespace); payloads map as bridges.md §7.3 ({@code 42} is Int 42, a Float is its
 * decimal text, a String its raw text). Messages a subscriber prints read {@code "<retain> <qos> <topic> <payload>"}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MqttAdapterIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHELL = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path workDir;

    private static RuntimeTerminal terminal;
    private static int webSocketPort;
    private static int mqttPort;

    /** A failed test shows what the runtime printed. */
    @RegisterExtension
    static final TestWatcher SCREEN_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (terminal != null) System.out.println("--- the runtime's terminal ---\n" + terminal.screen());
        }
    };

    @BeforeAll
    static void startTheRuntimeAndCreateTheAdapterAtTheShell() throws Exception {
        webSocketPort = RuntimeProcess.quietListener(workDir.resolve("etc"));
        mqttPort = Net.freePort();
        terminal = RuntimeTerminal.start(RuntimeJar.fromSystemProperty(), workDir);
        try {
            terminal.await(0, Pattern.compile(Pattern.quote(RuntimeProcess.STATUS) + ".*all active"), STARTUP);
            terminal.awaitPrompt(SHELL);
            terminal.run("clasp.transport:create mqtt it host=127.0.0.1 port=" + mqttPort,
                    Pattern.compile("created clasp\\.transport\\.mqtt~it"), SHELL);
        } catch (Throwable failure) {
            throw new AssertionError(failure.getMessage() + "\n--- the runtime's terminal ---\n" + terminal.screen(), failure);
        }
    }

    @AfterAll
    static void stopTheRuntime() throws Exception {
        if (terminal != null) terminal.close();   // fails if the runtime reported a ByteBuf leak
    }

    @Test
    @Order(1)
    void theAdapterIsListedWithItsEndpointAndItsFileIsInEtc() throws Exception {
        terminal.awaitListed("it +mqtt +ONLINE +mqtt://127\\.0\\.0\\.1:" + mqttPort + " ");
        assertThat(workDir.resolve("etc").resolve("clasp.transport.mqtt-it.cfg")).isRegularFile();
    }

    @Test
    @Order(2)
    void aPublishReachesASubscriberWithItsTopicAndPayload() throws Exception {
        try (MosquittoClients.Subscriber sub = MosquittoClients.subscribe(mqttPort, "-t", "pub/#").awaitSubscribed()) {
            assertPublished("-t", "pub/a/b", "-m", "hello");
            assertPublished("-t", "pub/a/b", "-m", "42");
            assertPublished("-t", "pub/c", "-m", "2.5");
            assertThat(sub.nextMessage()).isEqualTo("0 0 pub/a/b hello");
            assertThat(sub.nextMessage()).isEqualTo("0 0 pub/a/b 42");
            assertThat(sub.nextMessage()).isEqualTo("0 0 pub/c 2.5");
        }
    }

    @Test
    @Order(3)
    void aNewSubscriberGetsTheRetainedValueWithTheRetainFlagThenLiveOnesWithout() throws Exception {
        try (MosquittoClients.Subscriber before = MosquittoClients.subscribe(mqttPort, "-t", "ret/#").awaitSubscribed()) {
            assertPublished("-t", "ret/x", "-m", "7", "-r");
            // Delivered to a subscriber: the router has the value.
            assertThat(before.nextMessage()).isEqualTo("0 0 ret/x 7");
        }
        try (MosquittoClients.Subscriber after = MosquittoClients.subscribe(mqttPort, "-t", "ret/#")) {
            assertThat(after.nextMessage()).isEqualTo("1 0 ret/x 7");
            after.awaitSubscribed();
            assertPublished("-t", "ret/x", "-m", "8", "-r");
            assertThat(after.nextMessage()).isEqualTo("0 0 ret/x 8");
        }
    }

    @Test
    @Order(4)
    void qos1AndQos2PublishesCompleteInBothDirections() throws Exception {
        try (MosquittoClients.Subscriber one = MosquittoClients.subscribe(mqttPort, "-q", "1", "-t", "qos/one").awaitSubscribed();
             MosquittoClients.Subscriber two = MosquittoClients.subscribe(mqttPort, "-q", "2", "-t", "qos/two").awaitSubscribed()) {
            MosquittoClients.Published atLeastOnce = assertPublished("-q", "1", "-t", "qos/one", "-m", "1");
            assertThat(atLeastOnce.output()).contains("received PUBACK");
            MosquittoClients.Published exactlyOnce = assertPublished("-q", "2", "-t", "qos/two", "-m", "2");
            assertThat(exactlyOnce.output()).contains("received PUBREC").contains("sending PUBREL").contains("received PUBCOMP");

            assertThat(one.nextMessage()).isEqualTo("0 1 qos/one 1");
            assertThat(two.nextMessage()).isEqualTo("0 2 qos/two 2");
            // The subscriber's side of QoS 2: the adapter released the message it got PUBREC for, and got PUBCOMP.
            int received = two.awaitLine(0, l -> l.matches("Client \\S+ received PUBLISH \\(d0, q2, r0, m\\d+, 'qos/two', .*"));
            int released = two.awaitLine(received, l -> l.matches("Client \\S+ received PUBREL \\(Mid: \\d+\\)"));
            two.awaitLine(released, l -> l.matches("Client \\S+ sending PUBCOMP \\(m\\d+\\)"));

            // Delivery is at the lower of the publisher's QoS and the subscription's, as MQTT requires.
            assertPublished("-q", "0", "-t", "qos/two", "-m", "3");
            assertThat(two.nextMessage()).isEqualTo("0 0 qos/two 3");
            assertPublished("-q", "2", "-t", "qos/one", "-m", "4");
            assertThat(one.nextMessage()).isEqualTo("0 1 qos/one 4");
        }
    }

    @Test
    @Order(5)
    void aPersistentSessionGetsWhatWasPublishedWhileItWasAway() throws Exception {
        String[] persistent = {"-c", "-i", "mqtt-it-away", "-q", "1", "-t", "away/#"};
        try (MosquittoClients.Subscriber observer = MosquittoClients.subscribe(mqttPort, "-t", "away/#").awaitSubscribed()) {
            MosquittoClients.subscribe(mqttPort, persistent).awaitSubscribed().close();   // killed: no DISCONNECT
            assertPublished("-q", "1", "-t", "away/x", "-m", "while away");
            // The router took it (another subscriber got it) before the persistent client comes back.
            assertThat(observer.nextMessage()).isEqualTo("0 0 away/x while away");
        }
        try (MosquittoClients.Subscriber back = MosquittoClients.subscribe(mqttPort, persistent)) {
            // Queued for the session, so not retained: the retain flag is 0.
            assertThat(back.nextMessage()).isEqualTo("0 1 away/x while away");
            back.awaitSubscribed();
            assertPublished("-q", "1", "-t", "away/x", "-m", "back");
            assertThat(back.nextMessage()).isEqualTo("0 1 away/x back");
        }
    }

    @Test
    @Order(6)
    void mqtt5ClientsCompleteQos2AndKeepASessionWithAnExpiryInterval() throws Exception {
        String[] persistent = {"-V", "mqttv5", "-c", "-x", "300", "-i", "mqtt-it-five", "-q", "2", "-t", "five/#"};
        String json = "{\"level\":0.5,\"on\":true}";
        try (MosquittoClients.Subscriber observer = MosquittoClients.subscribe(mqttPort, "-V", "mqttv5", "-t", "five/#").awaitSubscribed()) {
            MosquittoClients.subscribe(mqttPort, persistent).awaitSubscribed().close();   // killed: no DISCONNECT
            MosquittoClients.Published p = assertPublished("-V", "mqttv5", "-q", "2", "-t", "five/x", "-m", json);
            assertThat(p.output()).contains("received PUBREC").contains("received PUBCOMP");
            // A JSON object is a Map, written back as the same JSON.
            assertThat(observer.nextMessage()).isEqualTo("0 0 five/x " + json);
        }
        try (MosquittoClients.Subscriber back = MosquittoClients.subscribe(mqttPort, persistent)) {
            assertThat(back.nextMessage()).isEqualTo("0 2 five/x " + json);
            int received = back.awaitLine(0, l -> l.matches("Client \\S+ received PUBLISH \\(d\\d, q2, r0, m\\d+, 'five/x', .*"));
            int released = back.awaitLine(received, l -> l.matches("Client \\S+ received PUBREL \\(Mid: \\d+\\)"));
            back.awaitLine(released, l -> l.matches("Client \\S+ sending PUBCOMP \\(m\\d+\\)"));
        }
    }

    @Test
    @Order(7)
    void aClaspWebSocketClientAndAnMqttClientSeeEachOthersWrites() throws Exception {
        try (ClaspClient clasp = ClaspClient.connect(URI.create("ws://127.0.0.1:" + webSocketPort + "/"), "mqtt-it desk");
             MosquittoClients.Subscriber sub = MosquittoClients.subscribe(mqttPort, "-t", "mix/#").awaitSubscribed()) {
            clasp.subscribe(1, "/mqtt/mix/**");

            clasp.send(new SetMessage("/mqtt/mix/level", Value.of(0.75)));
            assertThat(sub.nextMessage()).isEqualTo("0 0 mix/level 0.75");
            clasp.send(new SetMessage("/mqtt/mix/scene", Value.of("act 2")));
            assertThat(sub.nextMessage()).isEqualTo("0 0 mix/scene act 2");

            assertPublished("-t", "mix/fader", "-m", "42", "-r");
            Eventually.until("the CLASP client gets the SET of /mqtt/mix/fader", WAIT, () -> clasp.sets("/mqtt/mix/fader"), l -> !l.isEmpty());
            assertThat(clasp.sets("/mqtt/mix/fader")).extracting(SetMessage::value).containsExactly(Value.of(42L));
            assertPublished("-t", "mix/name", "-m", "house left", "-r");
            Eventually.until("the CLASP client gets the SET of /mqtt/mix/name", WAIT, () -> clasp.sets("/mqtt/mix/name"), l -> !l.isEmpty());
            assertThat(clasp.sets("/mqtt/mix/name")).extracting(SetMessage::value).containsExactly(Value.of("house left"));
            assertThat(clasp.get("/mqtt/mix/fader")).hasValueSatisfying(p -> assertThat(p.value()).isEqualTo(Value.of(42L)));
            // The MQTT subscriber saw them too, after the CLASP client's writes.
            assertThat(sub.nextMessage()).isEqualTo("0 0 mix/fader 42");
            assertThat(sub.nextMessage()).isEqualTo("0 0 mix/name house left");

            // Not retained: an event both ways, not stored.
            clasp.send(PublishMessage.event("/mqtt/mix/cue", Value.of(12L)));
            assertThat(sub.nextMessage()).isEqualTo("0 0 mix/cue 12");
            assertPublished("-t", "mix/go", "-m", "true");
            Eventually.until("the CLASP client gets the event /mqtt/mix/go", WAIT, () -> clasp.publishes("/mqtt/mix/go"), l -> !l.isEmpty());
            assertThat(clasp.publishes("/mqtt/mix/go")).extracting(PublishMessage::value).containsExactly(Value.of(true));
            assertThat(clasp.get("/mqtt/mix/go")).isEmpty();
            assertThat(sub.nextMessage()).isEqualTo("0 0 mix/go true");
            assertThat(clasp.sets("/mqtt/mix/go")).isEmpty();
            assertThat(clasp.errors()).isEmpty();
        }
    }

    @Test
    @Order(8)
    void aClientThatFallsSilentIsClosedAfterOneAndAHalfKeepAlivesAndItsWillIsPublished() throws Exception {
        try (MosquittoClients.Subscriber observer = MosquittoClients.subscribe(mqttPort, "-t", "will/#").awaitSubscribed();
             MosquittoClients.Subscriber desk = MosquittoClients.subscribe(mqttPort, "-k", "5", "-i", "mqtt-it-desk",
                     "--will-topic", "will/desk", "--will-payload", "desk gone", "-t", "desk/#").awaitSubscribed()) {
            desk.freeze();   // no PINGREQ any more: the adapter closes it 7.5 s after its last packet
            assertThat(observer.nextMessage()).isEqualTo("0 0 will/desk desk gone");
        }
    }

    @Test
    @Order(9)
    void aMalformedPacketClosesOnlyThatConnection() throws Exception {
        try (MosquittoClients.Subscriber sub = MosquittoClients.subscribe(mqttPort, "-t", "bad/#").awaitSubscribed();
             Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", mqttPort), 10_000);
            raw.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = raw.getOutputStream();
            InputStream in = raw.getInputStream();
            out.write(connect("mqtt-it-raw"));
            assertThat(in.readNBytes(4)).containsExactly(0x20, 0x02, 0x00, 0x00);   // CONNACK, accepted
            out.write(new byte[] {0x00, 0x00});   // packet type 0 is reserved: malformed
            assertThat(in.read()).as("the adapter closes the connection").isEqualTo(-1);

            assertPublished("-t", "bad/x", "-m", "still here");
            assertThat(sub.nextMessage()).isEqualTo("0 0 bad/x still here");
        }
    }

    @Test
    @Order(10)
    void deleteStopsTheListenerRemovesItsFileAndLeavesNoThread() throws Exception {
        Path file = workDir.resolve("etc").resolve("clasp.transport.mqtt-it.cfg");
        assertThat(terminal.threads()).anyMatch(t -> t.startsWith("clasp-adapter-mqtt-it-"));
        terminal.run("clasp.transport:delete mqtt it", Pattern.compile("deleted clasp\\.transport\\.mqtt~it"), SHELL);
        Eventually.until("nothing listens on " + mqttPort, WAIT, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", mqttPort), 5_000);
                return false;
            } catch (ConnectException refused) {
                return true;
            }
        });
        assertThat(file).doesNotExist();
        Eventually.until("no thread of the adapter left", WAIT, terminal::threads,
                threads -> threads.stream().noneMatch(t -> t.startsWith("clasp-adapter-mqtt-")));
        int from = terminal.mark();
        terminal.run("clasp.transport:list", Pattern.compile("ID +KIND (?s:.*?)g! "), SHELL);
        assertThat(terminal.output().substring(from)).contains("default").doesNotContainPattern("(?m)^it +mqtt ");
    }

    /** Publishes with {@code mosquitto_pub}, which must complete (exit 0). */
    private static MosquittoClients.Published assertPublished(String... args) throws IOException, InterruptedException {
        MosquittoClients.Published p = MosquittoClients.publish(mqttPort, args);
        assertThat(p.exitCode()).as("mosquitto_pub %s exit code; its output:%n%s", List.of(args), p.output()).isZero();
        return p;
    }

    /** An MQTT 3.1.1 CONNECT: clean session, keep-alive 60 s, the client id, nothing else. */
    private static byte[] connect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] variable = {0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C};
        int remaining = variable.length + 2 + id.length;
        byte[] packet = new byte[2 + remaining];
        packet[0] = 0x10;
        packet[1] = (byte) remaining;   // below 128: one byte
        System.arraycopy(variable, 0, packet, 2, variable.length);
        packet[2 + variable.length] = (byte) (id.length >> 8);
        packet[3 + variable.length] = (byte) id.length;
        System.arraycopy(id, 0, packet, 4 + variable.length, id.length);
        return packet;
    }
}
