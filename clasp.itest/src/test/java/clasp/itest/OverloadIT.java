package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import clasp.api.Value;
import clasp.api.message.HelloMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.LocalSession;
import clasp.api.router.Router;
import clasp.api.router.SessionInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A peer that stops reading, over real sockets, against the runtime with a 16 MiB outbound bound: one that keeps
 * asking for snapshots is closed with 1008 having cost the router about its bound. The load campaign against the same
 * runtime (congested subscribers that hold locks, closed under traffic, never deadlock the router) is
 * {@link OverloadStressIT}, run by {@code ./scripts/stress.sh}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OverloadIT {
    private static final String NAME = "Overload IT Router";
    private static final long BOUND = 16L << 20;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    private Router router;

    private int port;
    private final List<AutoCloseable> open = new ArrayList<>();

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path etc = Provisioning.workDir().resolve("overload").resolve("etc");
        RuntimeProcess.quietListener(etc);
        // A 1 s stall bound: a peer that stops reading (and so is no longer read) goes within seconds, not ten.
        Files.writeString(etc.resolve("clasp.router.cfg"), "name=" + NAME + "\nmaxQueuedBytes=" + BOUND + "\nstallTimeoutSeconds=1\n");
        return Provisioning.runtime(etc);
    }

    @Before
    public void awaitConfiguredRouter() throws Exception {
        port = Listeners.awaitConfiguredRouter(router, NAME);
    }

    @After
    public void closeAll() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    private <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    private long refusals(String kind) { return router.stats().refusals().getOrDefault(kind, 0L); }

    private boolean hasSession(String name) {
        return router.sessions().stream().map(SessionInfo::name).anyMatch(name::equals);
    }

    private void fill(String prefix, int count, int bytes) throws Exception {
        String value = "v".repeat(bytes);
        try (LocalSession s = router.openSession("fill", false)) {
            for (int i = 0; i < count; i++) s.set(prefix + i, Value.of(value));
        }
    }

    /** The attack as found: 5,000 params of 1 KB, then 400 SUBSCRIBEs to them from a connection that never reads. */
    @Test
    public void aPeerThatKeepsAskingAndNeverReadsIsClosedWith1008AndCostsAboutItsBound() throws Exception {
        fill("/flood/", 5_000, 1_000);
        ClaspClient bystander = opened(ClaspClient.connect(URI.create("ws://127.0.0.1:" + port + "/"), "bystander"));
        long framesBefore = router.stats().framesOut();
        long slowBefore = refusals("slow-consumer");

        NonReadingPeer greedy = opened(new NonReadingPeer(port));
        greedy.send(new HelloMessage(1, Set.of(), "greedy", null));
        for (int i = 1; i <= 400; i++) greedy.send(new SubscribeMessage(i, "/flood/**"));
        for (int i = 1; i <= 100; i++) {   // everyone else's SETs keep completing
            bystander.send(new SetMessage("/bystander", Value.of((long) i)));
            bystander.sync();
        }

        Eventually.until("the greedy peer closed as a slow consumer", WAIT, () -> refusals("slow-consumer") == slowBefore + 1);
        Eventually.until("its session gone", WAIT, () -> !hasSession("greedy"));
        long frames = router.stats().framesOut() - framesBefore;
        // Its 5 MB greeting, then at most its bound plus what the sockets took, in frames of up to 64 KB; the
        // bystander's 100 ACKs and PONGs. Unbounded, 400 snapshots of 5 MB would be about 32,000 frames.
        assertTrue("frames the router built during the attack: " + frames, frames <= 1_200);
        assertEquals(100, bystander.ackedRevisions("/bystander").size());
        assertEquals("close code read by the greedy peer", 1008, greedy.readToClose());
    }
}
