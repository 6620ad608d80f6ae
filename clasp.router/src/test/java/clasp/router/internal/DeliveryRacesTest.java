package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Feature;
import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.router.ClaspException;
import clasp.router.internal.session.NetworkSession;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.LocalSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * D2 and D3 under concurrency: SETs held back for a slow session are never overtaken, a session closed by a
 * delivery never deadlocks the router, and nothing held is leaked when a session closes. Each test runs many rounds
 * under a {@link Watchdog} that fails with a thread dump on a deadlock or stall.
 */
class DeliveryRacesTest extends WatchedRouterTest {

    private TestClient subscriber(String pattern) {
        TestClient c = new TestClient(router).hello();
        c.send(new SubscribeMessage(1, pattern));
        c.take();
        return c;
    }

    private static List<Long> revisions(List<Message> got, String address) {
        List<Long> out = new ArrayList<>();
        for (Message m : got) if (m instanceof SetMessage s && s.address().equals(address)) out.add(s.revision());
        return out;
    }

    /** A session on a {@link HookConnection}, handshaken and subscribed. */
    private NetworkSession hooked(HookConnection conn, String pattern) {
        NetworkSession s = (NetworkSession) router.accept(conn);
        s.frameReceived(Unpooled.wrappedBuffer(TestClient.encode(Frame.of(new HelloMessage(1, Set.of(Feature.PARAM), "h", null)))));
        s.frameReceived(Unpooled.wrappedBuffer(TestClient.encode(Frame.of(new SubscribeMessage(1, pattern)))));
        conn.take();
        return s;
    }

    /**
     * The peer drains while a SET is held for it; as the held SET goes out, a newer one for the same address is
     * delivered from another thread. It must wait: the subscriber gets revision 1, then 2, and ends on 2.
     */
    @Test void aSetDeliveredWhileHeldSetsAreFlushedWaitsForThem() throws Exception {
        HookConnection conn = new HookConnection();
        NetworkSession sub = hooked(conn, "/a");
        try (LocalSession writer = router.openSession("writer", false)) {
            conn.writable = false;
            writer.set("/a", Value.of(1L));   // held
            assertThat(conn.take()).isEmpty();
            conn.writable = true;
            AtomicReference<Thread> newer = new AtomicReference<>();
            conn.onSend.set(() -> newer.set(HookConnection.runUntilDoneOrBlocked("newer-set", () -> {
                try {
                    writer.set("/a", Value.of(2L));
                } catch (ClaspException e) {
                    throw new AssertionError(e);
                }
            })));
            sub.writable();   // the transport reports the drain: the held SET is flushed, and the hook fires
            newer.get().join(TimeUnit.SECONDS.toMillis(30));
            assertThat(newer.get().isAlive()).isFalse();
            assertThat(revisions(conn.take(), "/a")).containsExactly(1L, 2L);
        }
    }

    /**
     * Deterministic form of the lock-order cycle: a delivery finds the subscriber past its bound (holding the
     * address's stripe and the session) while another writer, holding the stripe of an address the subscriber has
     * locked, waits to deliver to it. Closing must not take that stripe on the delivering thread.
     */
    @Test void aSubscriberClosedByADeliveryDoesNotTakeTheStripesOfItsLocksOnThatThread() throws Exception {
        HookConnection conn = new HookConnection();
        NetworkSession sub = hooked(conn, "/**");
        sub.frameReceived(Unpooled.wrappedBuffer(TestClient.encode(Frame.of(
                new SetMessage("/locked", Value.of(0L), null, true, false, null)))));
        conn.take();
        conn.writable = false;
        conn.queued = Long.MAX_VALUE / 2;
        try (LocalSession a = router.openSession("a", false)) {
            AtomicReference<Thread> other = new AtomicReference<>();
            // The subscriber itself sets its locked address: its thread holds that stripe and delivers to it.
            conn.onQueuedBytes.set(() -> other.set(HookConnection.runUntilDoneOrBlocked("writer-of-locked-stripe",
                    () -> sub.frameReceived(Unpooled.wrappedBuffer(TestClient.encode(Frame.of(
                            new SetMessage("/locked", Value.of(1L)))))))));
            watchdog.round(List.of(() -> a.set("/other", Value.of(1L))));
            other.get().join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(conn.closeCode).isEqualTo(1008);
        Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(1, TimeUnit.MILLISECONDS)
                .until(() -> router.param("/locked").orElseThrow().lockHolder() == null);
    }

    /** A SET passes the session's open check, then the session closes before it is held: it must not be kept. */
    @Test void aSetHeldAfterItsSessionClosedIsReleased() throws Exception {
        HookConnection conn = new HookConnection();
        NetworkSession sub = hooked(conn, "/**");
        conn.writable = false;
        ByteBuf frame = Unpooled.buffer().writeBytes(TestClient.encode(Frame.of(new SetMessage("/x", Value.of(1L), 1L))));
        try {
            conn.onIsWritable.set(() -> {
                Thread closer = HookConnection.runUntilDoneOrBlocked("closer", sub::closed);
                try {
                    closer.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sub.deliver(new SetMessage("/x", Value.of(1L), 1L), frame, java.util.List.of());   // no call follows closed(): nothing flushes it
            assertThat(frame.refCnt()).as("references kept by the closed session").isEqualTo(1);
        } finally {
            frame.release();
        }
    }

    /**
     * Subscribers that hold locks and stop reading are closed by the deliveries that find them past their bound,
     * while they and a writer keep locking, unlocking and setting: the close must not take address locks on the
     * delivering thread (address → session → address was a cycle).
     */
    @Test void closingCongestedSubscribersThatHoldLocksNeverDeadlocks() throws Exception {
        for (int round = 0; round < 100; round++) {
            List<TestClient> slow = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                TestClient s = subscriber("/**");
                s.send(new SetMessage("/held/" + round + "/" + k, Value.of(0L), null, true, false, null));
                s.take();
                s.conn.writable = false;
                s.conn.queued = Long.MAX_VALUE / 2;   // past the hard bound: the next delivery closes it
                slow.add(s);
            }
            TestClient writer = new TestClient(router).hello();
            int r = round;
            List<Callable<?>> tasks = new ArrayList<>();
            for (int k = 0; k < slow.size(); k++) {
                TestClient s = slow.get(k);
                String mine = "/held/" + r + "/" + k;
                tasks.add(() -> {
                    for (int i = 0; i < 20; i++) {
                        s.send(new SetMessage(mine, Value.of((long) i), null, i % 2 == 0, i % 2 == 1, null));
                    }
                    return null;
                });
            }
            tasks.add(() -> {
                for (int i = 0; i < 40; i++) {
                    writer.send(new SetMessage("/w/" + r + "/" + (i % 3), Value.of((long) i), null, i % 2 == 0, i % 2 == 1, null));
                }
                return null;
            });
            watchdog.round(tasks);
            for (TestClient s : slow) {
                Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(1, TimeUnit.MILLISECONDS)
                        .until(() -> s.conn.closeCode != null);
                assertThat(s.conn.closeCode).isEqualTo(1008);
            }
            String gone = "/held/" + r + "/";
            Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(1, TimeUnit.MILLISECONDS)
                    .untilAsserted(() -> assertThat(router.params(gone + "*"))
                    .allSatisfy(p -> assertThat(p.lockHolder()).as(p.address()).isNull()));
            writer.disconnect();
            // every HELLO and SUBSCRIBE /** is answered with every param: keep the next round's small
            router.removeParams(gone + "*");
            router.removeParams("/w/" + r + "/*");
        }
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> router.sessions().isEmpty());
    }
}
