package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import clasp.api.Value;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.ParamEntry;
import clasp.api.message.PingMessage;
import clasp.api.message.PongMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.WelcomeMessage;
import clasp.api.router.LocalSession;
import clasp.api.router.Router;
import clasp.api.router.SessionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Snapshots twenty times the outbound bound, over real sockets, against the runtime with a 1 MiB bound (and the
 * listener's high watermark at 256 KiB, under it): a peer that
 * reads slowly gets every param of its greeting and of its SUBSCRIBE exactly once, each followed by the PONG it asked
 * for afterwards, and stays open; a peer that never reads is closed with 1008 before the router built its greeting.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PacedSnapshotIT {
    private static final String NAME = "Paced Snapshot IT Router";
    private static final int PARAMS = 20 * 1024;   // 1 KB each: 20 MB
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static boolean filled;

    @Inject
    private Router router;

    private int port;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path etc = Provisioning.workDir().resolve("paced").resolve("etc");
        RuntimeProcess.quietListener(etc);
        // Replies are paced by the transport's writability: its high watermark stays under the router's bound.
        Files.writeString(etc.resolve("clasp.transport.websocket-default.cfg"),
                "writeBufferHighWaterMark=262144\nwriteBufferLowWaterMark=65536\n", StandardOpenOption.APPEND);
        // A 3 s stall bound: the peer that never reads is closed within seconds, not ten; the slow reader takes a
        // frame every few milliseconds, so its connection never stays unwritable that long.
        Files.writeString(etc.resolve("clasp.router.cfg"), "name=" + NAME + "\nmaxQueuedBytes=" + (1L << 20)
                + "\nstallTimeoutSeconds=3\n");
        return Provisioning.runtime(etc);
    }

    @Before
    public void configuredAndFilled() throws Exception {
        port = Listeners.awaitConfiguredRouter(router, NAME);
        if (filled) return;
        String value = "v".repeat(1_000);
        try (LocalSession s = router.openSession("fill", false)) {
            for (int i = 0; i < PARAMS; i++) s.set("/paced/" + i, Value.of(value));
        }
        filled = true;
    }

    private long refusals(String kind) { return router.stats().refusals().getOrDefault(kind, 0L); }

    /** Reads to the next PONG, pausing after each message: how often each address came in SNAPSHOTs. */
    private static Map<String, Integer> readSlowlyToPong(SlowReadingPeer peer) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        while (true) {
            Message m = peer.read();
            if (m instanceof PongMessage) return seen;
            if (m instanceof SnapshotMessage s) for (ParamEntry e : s.params()) seen.merge(e.address(), 1, Integer::sum);
            Thread.sleep(5);   // slower than the router writes
        }
    }

    private static void assertEveryParamOnce(String what, Map<String, Integer> seen) {
        assertEquals(what + ": params", PARAMS, seen.size());
        seen.forEach((address, times) -> assertEquals(what + ": " + address, 1, (int) times));
    }

    @Test
    public void aSlowReaderGetsSnapshotsTwentyTimesItsBoundAndStaysOpen() throws Exception {
        long slowBefore = refusals("slow-consumer");
        try (SlowReadingPeer peer = new SlowReadingPeer(port)) {
            peer.send(new HelloMessage(1, Set.of(), "slow-reader", null));
            peer.send(PingMessage.INSTANCE);
            assertTrue(peer.read() instanceof WelcomeMessage);
            assertEveryParamOnce("greeting", readSlowlyToPong(peer));

            peer.send(new SubscribeMessage(1, "/paced/**"));
            peer.send(PingMessage.INSTANCE);
            assertEveryParamOnce("subscription", readSlowlyToPong(peer));
        } catch (SlowReadingPeer.Closed closed) {
            fail("the slow reader was closed with " + closed.code);
        }
        assertEquals("slow consumers closed", slowBefore, refusals("slow-consumer"));
    }

    @Test
    public void aPeerThatNeverReadsIsClosedWith1008BeforeItsGreetingIsBuilt() throws Exception {
        long slowBefore = refusals("slow-consumer");
        long framesBefore = router.stats().framesOut();
        try (NonReadingPeer peer = new NonReadingPeer(port)) {
            peer.send(new HelloMessage(1, Set.of(), "never-reads", null));
            peer.send(new SubscribeMessage(1, "/paced/**"));
            Eventually.until("the peer closed as a slow consumer", WAIT, () -> refusals("slow-consumer") == slowBefore + 1);
            Eventually.until("its session gone", WAIT,
                    () -> router.sessions().stream().map(SessionInfo::name).noneMatch("never-reads"::equals));
            long frames = router.stats().framesOut() - framesBefore;
            // The greeting alone is over 300 SNAPSHOT frames of up to 64 KB.
            assertTrue("frames the router built for it: " + frames, frames < 300);
            assertEquals("close code read by the peer", 1008, peer.readToClose());
        }
    }
}
