package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import clasp.api.FloatValue;
import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.api.router.Router;
import clasp.api.router.TransportInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * SUBSCRIBE's stream options over a real WebSocket, sent as raw frames: the bytes the JS client sends for
 * {@code subscribe("/sensor/*", cb, {maxRate: 30, epsilon: 0.01})}, and a hand-written SUBSCRIBE with history and
 * window. Nothing here depends on timing: what a subscriber gets is checked by values and forms, never by how fast.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamOptionsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** wire-format §12.4, byte for byte: SUBSCRIBE id 2 "/sensor/*", all types, maxRate 30, epsilon 0.01, QoS 0. */
    private static final String JS_SUBSCRIBE = "53 01 00 1e 10 00 00 00 02 00 09 2f 73 65 6e 73 6f 72 2f 2a ff 03"
            + " 00 00 00 1e 3f 84 7a e1 47 ae 14 7b";

    @Inject
    private Router router;

    private final List<ClaspClient> opened = new ArrayList<>();

    @Configuration
    public Option[] configuration() throws IOException {
        return Provisioning.quietRuntime(Provisioning.workDir().resolve("stream-options").resolve("etc"));
    }

    @Before
    public void awaitListener() {
        Listeners.awaitDefault(router);
    }

    @After
    public void closeAll() {
        opened.forEach(ClaspClient::close);
    }

    @Test
    public void theJsClientsMaxRateAndEpsilonLeaveOutSmallChangesAndAlwaysDeliverTheLastValue() throws Exception {
        ClaspClient writer = open("stream-writer");
        ClaspClient sub = open("stream-subscriber");
        sub.sendRaw(HexFormat.ofDelimiter(" ").parseHex(JS_SUBSCRIBE));
        sub.sync();

        for (double v : new double[] {0.0, 0.001, 0.005, 0.5, 0.503, 1.0}) writer.send(stream("/sensor/a", v));
        for (int i = 1; i <= 200; i++) writer.send(stream("/sensor/r", i));
        for (int i = 1; i <= 5; i++) writer.send(PublishMessage.event("/sensor/e", Value.of((long) i)));
        writer.sync();

        Eventually.watched("the last /sensor/a value at the trailing edge", WAIT, () -> values(sub, "/sensor/a"),
                v -> !v.isEmpty() && v.get(v.size() - 1) == 1.0);
        Eventually.watched("the last /sensor/r value at the trailing edge", WAIT, () -> values(sub, "/sensor/r"),
                v -> !v.isEmpty() && v.get(v.size() - 1) == 200.0);
        Eventually.watched("every event", WAIT, () -> sub.publishes("/sensor/e").size(), n -> n == 5);
        sub.sync();

        List<Double> a = values(sub, "/sensor/a");
        assertEquals("the first value always arrives", 0.0, a.get(0), 0);
        assertTrue("changes under epsilon 0.01 are left out: " + a, Set.of(0.0, 0.5, 1.0).containsAll(a));
        List<Double> r = values(sub, "/sensor/r");
        for (int i = 1; i < r.size(); i++) assertTrue("downsampled in order: " + r, r.get(i) > r.get(i - 1));
        assertEquals("events are never dropped", 5, sub.publishes("/sensor/e").size());
        assertTrue(sub.errors().isEmpty());
        assertNull(sub.problem());
    }

    @Test
    public void historyReplaysTheLastSamplesAndWindowBatchesTheNextIntoTheSamplesForm() throws Exception {
        ClaspClient writer = open("window-writer");
        for (int i = 1; i <= 5; i++) writer.send(stream("/w/a", i));
        writer.sync();

        ClaspClient sub = open("window-subscriber");
        sub.sendRaw(subscribe(3, "/w/*", 3, 50));
        sub.sync();
        List<PublishMessage> replayed = sub.publishes("/w/a");
        assertEquals("the last 3 samples, oldest first, as the frames they were",
                List.of(stream("/w/a", 3), stream("/w/a", 4), stream("/w/a", 5)), replayed);

        for (int i = 6; i <= 10; i++) writer.send(stream("/w/a", i));
        writer.sync();
        Eventually.watched("samples 6..10 in windows", WAIT, () -> batched(sub), s -> s.size() >= 5);
        assertEquals(List.of(6.0, 7.0, 8.0, 9.0, 10.0), batched(sub));
        for (PublishMessage p : sub.publishes("/w/a").subList(3, sub.publishes("/w/a").size())) {
            assertNull("a window leaves in the samples form", p.value());
            assertNotNull(p.samples());
        }
        assertTrue(sub.errors().isEmpty());
    }

    private static List<Double> values(ClaspClient c, String address) {
        List<Double> out = new ArrayList<>();
        for (PublishMessage p : c.publishes(address)) out.add(((FloatValue) p.value()).value());
        return out;
    }

    /** The samples of every PUBLISH of /w/a after the 3 replayed ones, in order. */
    private static List<Double> batched(ClaspClient c) {
        List<PublishMessage> all = c.publishes("/w/a");
        List<Double> out = new ArrayList<>();
        for (PublishMessage p : all.subList(Math.min(3, all.size()), all.size())) {
            if (p.samples() == null) out.add(Double.NaN);
            else for (double s : p.samples()) out.add(s);
        }
        return out;
    }

    private static PublishMessage stream(String address, double v) {
        return new PublishMessage(address, SignalType.STREAM, Value.of(v), null, null, null, GesturePhase.START, null);
    }

    /** SUBSCRIBE (wire-format §6.4) with history and window (option flags 0x04 | 0x08), written by hand. */
    private static byte[] subscribe(int id, String pattern, int history, int windowMs) {
        byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(1 + 4 + 2 + p.length + 1 + 1 + 4 + 4);
        payload.put((byte) 0x10).putInt(id).putShort((short) p.length).put(p).put((byte) 0xFF).put((byte) 0x0C)
                .putInt(history).putInt(windowMs);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x53);
        frame.write(0x01);   // QoS 0, as the JS client sends SUBSCRIBE
        frame.write(payload.capacity() >>> 8);
        frame.write(payload.capacity() & 0xFF);
        frame.writeBytes(payload.array());
        return frame.toByteArray();
    }

    private ClaspClient open(String name) throws Exception {
        TransportInfo listener = router.transports().stream().filter(t -> t.id().equals("default")).findFirst().orElseThrow();
        ClaspClient c = ClaspClient.connect(URI.create(listener.endpoint()), name);
        opened.add(c);
        return c;
    }
}
