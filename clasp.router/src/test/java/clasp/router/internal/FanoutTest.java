package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.router.internal.session.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fan-out: one recipient's failure is its own (defect 6), and a local session's listeners get what their own subscription matched (defect 2). */
class FanoutTest extends RouterTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Map<String, AtomicInteger> reported = new ConcurrentHashMap<>();
    private BiConsumer<Session, Throwable> realLog;

    @BeforeEach void countReports() {
        realLog = Session.failureLog;
        Session.failureLog = (s, e) -> reported.computeIfAbsent(s.id(), k -> new AtomicInteger()).incrementAndGet();
    }

    @AfterEach void restoreLog() { Session.failureLog = realLog; }

    private static SetMessage set(String address, long v) { return new SetMessage(address, Value.of(v)); }

    @Test void aRecipientWhoseSendFailsDoesNotStopTheOthersAndIsReportedOnce() {
        TestClient writer = client();
        List<TestClient> healthy = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) healthy.add(client());
        TestClient broken = client();
        broken.send(new SubscribeMessage(1, "/f/**"));
        for (TestClient c : healthy) c.send(new SubscribeMessage(1, "/f/**"));
        broken.conn.failSends = new IllegalStateException("peer gone wrong");
        for (int i = 1; i <= 3; i++) writer.send(set("/f/x", i));
        List<Message> expected = List.of(new SetMessage("/f/x", Value.of(1L), 1L), new SetMessage("/f/x", Value.of(2L), 2L),
                new SetMessage("/f/x", Value.of(3L), 3L));
        for (TestClient c : healthy) assertThat(c.take()).isEqualTo(expected);
        assertThat(writer.take()).hasSize(3).allMatch(m -> m instanceof clasp.api.message.AckMessage);   // the failure is not the writer's
        assertThat(reported).containsOnlyKeys(broken.session);
        assertThat(reported.get(broken.session)).hasValue(1);
    }

    @Test void aListenerThatThrowsDoesNotStopOtherListenersOrSessionsAndIsReportedOnce() throws ClaspException {
        List<Message> good = new CopyOnWriteArrayList<>();
        List<Message> sameSession = new CopyOnWriteArrayList<>();
        AtomicInteger thrown = new AtomicInteger();
        try (LocalSession bad = router.openSession("bad", false); LocalSession fine = router.openSession("fine", false);
             LocalSession writer = router.openSession("writer", false)) {
            bad.subscribe("/l/**", Set.of(), m -> {
                thrown.incrementAndGet();
                throw new IllegalStateException("listener bug");
            });
            bad.subscribe("/l/**", Set.of(), sameSession::add);
            fine.subscribe("/l/**", Set.of(), good::add);
            for (int i = 1; i <= 3; i++) writer.set("/l/x", Value.of((long) i));
            Awaitility.await().atMost(WAIT).until(() -> good.size() == 3 && sameSession.size() == 3 && thrown.get() == 3);
            assertThat(good).extracting(m -> ((SetMessage) m).revision()).containsExactly(1L, 2L, 3L);
            assertThat(sameSession).isEqualTo(good);
            assertThat(reported).containsOnlyKeys(bad.id());
            assertThat(reported.get(bad.id())).hasValue(1);
        }
    }

    @Test void eachLocalListenerGetsOnlyWhatItsOwnSubscriptionMatched() throws ClaspException {
        List<String> lights = new CopyOnWriteArrayList<>();
        List<String> audio = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        List<String> everything = new CopyOnWriteArrayList<>();
        try (LocalSession bridge = router.openSession("bridge", false); LocalSession writer = router.openSession("w", false)) {
            bridge.subscribe("/lights/**", Set.of(), m -> lights.add(describe(m)));
            bridge.subscribe("/audio/**", Set.of(), m -> audio.add(describe(m)));
            bridge.subscribe("/audio/**", Set.of(SignalType.EVENT), m -> events.add(describe(m)));
            bridge.subscribe("/**", Set.of(), m -> everything.add(describe(m)));
            writer.set("/lights/1", Value.of(1L));
            writer.set("/audio/1", Value.of(2L));
            writer.publish(PublishMessage.event("/audio/cue", Value.of(3L)));
            writer.set("/other", Value.of(4L));
            Awaitility.await().atMost(WAIT).until(() -> everything.size() == 4);
            Awaitility.await().atMost(WAIT).until(() -> events.size() == 1 && audio.size() == 2);
        }
        assertThat(lights).containsExactly("SET /lights/1");
        assertThat(audio).containsExactly("SET /audio/1", "PUBLISH /audio/cue");
        assertThat(events).containsExactly("PUBLISH /audio/cue");   // its type filter holds
        assertThat(everything).containsExactly("SET /lights/1", "SET /audio/1", "PUBLISH /audio/cue", "SET /other");
    }

    @Test void aNetworkSessionGetsAMessageOnceHoweverManyOfItsSubscriptionsMatch() {
        TestClient writer = client();
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/m/**"));
        c.send(new SubscribeMessage(2, "/m/*"));
        c.send(new SubscribeMessage(3, "/m/x"));
        c.send(new SubscribeMessage(4, "/m/x", Set.of(SignalType.EVENT), null));
        writer.send(set("/m/x", 1));
        assertThat(c.take()).containsExactly(new SetMessage("/m/x", Value.of(1L), 1L));
    }

    private static String describe(Message m) {
        return m.type() + " " + (m instanceof SetMessage s ? s.address() : ((PublishMessage) m).address());
    }
}
