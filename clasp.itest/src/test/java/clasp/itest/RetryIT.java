package clasp.itest;

import static org.junit.Assert.assertEquals;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.SetMessage;
import clasp.api.router.Router;
import clasp.api.router.TransportInfo;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * A retrying client over a real WebSocket: every write is sent in a retryable frame, and sent again as if its ACK
 * had been lost, up to three times; each is applied exactly once and every copy is ACKed with the first revision.
 * Identical frames without the mark stay distinct writes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RetryIT {
    private static final int WRITES = 50;

    @Inject
    private Router router;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @Configuration
    public Option[] configuration() throws IOException {
        return Provisioning.quietRuntime(Provisioning.workDir().resolve("retry").resolve("etc"));
    }

    @Before
    public void awaitListener() {
        Listeners.awaitDefault(router);
    }

    @After
    public void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) opened.get(i).close();
    }

    @Test
    public void eachRetriedWriteIsAppliedOnceAndEveryCopyGetsTheSameAck() throws Exception {
        URI uri = URI.create(endpoint());
        ClaspClient writer = open(ClaspClient.connect(uri, "retry-writer"));
        ClaspClient reader = open(ClaspClient.connect(uri, "retry-reader"));
        reader.subscribe(1, "/retry/**");
        for (int k = 0; k < WRITES; k++) {
            Frame frame = Frame.retryable(new SetMessage("/retry/" + k, Value.of((long) k)), QoS.CONFIRM, 1_000 + k);
            for (int copy = 0; copy <= k % 3; copy++) writer.send(frame);   // 1, 2 or 3 copies
        }
        writer.sync();
        reader.sync();
        for (int k = 0; k < WRITES; k++) {
            String address = "/retry/" + k;
            assertEquals(address + " reached the reader once", List.of(new SetMessage(address, Value.of((long) k), 1L)), reader.sets(address));
            assertEquals(address + " ACKs", Collections.nCopies(k % 3 + 1, 1L), writer.ackedRevisions(address));
        }
        SetMessage plain = new SetMessage("/retry/plain", Value.of(1L));
        writer.send(plain);
        writer.send(plain);
        writer.sync();
        reader.sync();
        assertEquals("unmarked copies are two writes", List.of(1L, 2L), writer.ackedRevisions("/retry/plain"));
        assertEquals(2, reader.sets("/retry/plain").size());
    }

    private String endpoint() {
        TransportInfo listener = router.transports().stream().filter(t -> t.id().equals("default")).findFirst().orElseThrow();
        return listener.endpoint();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
