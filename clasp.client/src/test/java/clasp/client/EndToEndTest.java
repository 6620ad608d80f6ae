package clasp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.SignalDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every API call against the real router, with the exact values that come back; one subclass per transport. */
abstract class EndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestRouter router;
    private ClaspClient a;
    private ClaspClient b;

    /** Where the clients connect. */
    abstract java.net.URI endpoint(TestRouter router);

    /** How they trust a TLS router (null: no TLS). */
    ClientTls tls(TestRouter router) { return null; }

    @BeforeEach
    void start() throws Exception {
        router = TestRouter.start();
        a = ClaspClient.builder(endpoint(router)).tls(tls(router)).name("alice").build();
        b = ClaspClient.builder(endpoint(router)).tls(tls(router)).name("bob").build();
        a.connect(WAIT);
        b.connect(WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        // side by side: each waits about 100 ms for its event loop's graceful shutdown
        CompletableFuture.allOf(a.closeAsync(), b.closeAsync()).get(10, TimeUnit.SECONDS);
        router.close();
    }

    @Test
    void connectCompletesAfterWelcomeWithTheSessionAndRouterName() throws Exception {
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        try (ClaspClient c = ClaspClient.builder(endpoint(router)).tls(tls(router)).name("carol").build()) {
            c.onStateChange(states::add);
            assertThat(c.state()).isEqualTo(ConnectionState.NEW);
            c.connect(WAIT);
            assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(c.routerName()).isEqualTo("CLASP Router");
            assertThat(c.sessionId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(router.router().sessions()).extracting(s -> s.id()).contains(c.sessionId());
        }
        await().atMost(WAIT).until(() -> states.size() == 3);
        assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED, ConnectionState.CLOSED);
    }

    @Test
    void setIsAckedWithEachNewRevisionAndGetReturnsTheValue() throws Exception {
        assertThat(a.set("/mixer/fader/1", Value.of(0.75)).get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThat(a.set("/mixer/fader/1", Value.of(0.5)).get(10, TimeUnit.SECONDS)).isEqualTo(2L);
        assertThat(b.get("/mixer/fader/1").get(10, TimeUnit.SECONDS)).isEqualTo(Value.of(0.5));
        Value map = Value.of(Map.of("x", Value.of(1L)));
        a.set("/scene/name", Value.of("intro")).get(10, TimeUnit.SECONDS);
        a.set("/scene/meta", map).get(10, TimeUnit.SECONDS);
        assertThat(b.get("/scene/name").get(10, TimeUnit.SECONDS)).isEqualTo(Value.of("intro"));
        assertThat(b.get("/scene/meta").get(10, TimeUnit.SECONDS)).isEqualTo(map);
    }

    @Test
    void getOfAnUnknownAddressFailsWithParamNotFound() {
        assertThatThrownBy(() -> a.get("/nothing/here").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(ParamNotFoundException.class).hasMessage("no param at /nothing/here");
    }

    @Test
    void aSubscriptionGetsTheCurrentStateFirstThenEveryChangeIncludingItsOwnEcho() throws Exception {
        a.set("/mix/1", Value.of(0.1)).get(10, TimeUnit.SECONDS);
        a.set("/other", Value.of(9L)).get(10, TimeUnit.SECONDS);
        Recorder seen = new Recorder();
        Subscription s = b.subscribe("/mix/*", seen).get(10, TimeUnit.SECONDS);
        // The future completes after the subscribe snapshot reached the listener.
        assertThat(seen.lines()).containsExactly("/mix/1=0.1@1");
        assertThat(s.id()).isEqualTo(1L);
        assertThat(s.pattern()).isEqualTo("/mix/*");
        a.set("/mix/2", Value.of(0.2)).get(10, TimeUnit.SECONDS);
        b.set("/mix/1", Value.of(0.3)).get(10, TimeUnit.SECONDS);
        a.set("/mix/2/deep", Value.of(1.0)).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> seen.updates.size() >= 3);
        assertThat(seen.lines()).containsExactly("/mix/1=0.1@1", "/mix/2=0.2@1", "/mix/1=0.3@2");
        assertThat(seen.threads).allMatch(t -> t.equals("clasp-client-bob-callbacks"), "the client's callback thread");
    }

    @Test
    void aSnapshotRepeatingWhatTheListenerSawIsNotReportedTwice() throws Exception {
        a.set("/dup/x", Value.of(1L)).get(10, TimeUnit.SECONDS);
        Recorder first = new Recorder();
        b.subscribe("/dup/**", first).get(10, TimeUnit.SECONDS);
        Recorder second = new Recorder();
        b.subscribe("/dup/x", second).get(10, TimeUnit.SECONDS);  // its snapshot repeats /dup/x@1
        assertThat(b.get("/dup/x").get(10, TimeUnit.SECONDS)).isEqualTo(Value.of(1L));  // so does GET's
        a.set("/dup/x", Value.of(2L)).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> first.updates.size() >= 2 && second.updates.size() >= 1);
        assertThat(first.lines()).containsExactly("/dup/x=1@1", "/dup/x=2@2");
        assertThat(second.lines()).containsExactly("/dup/x=2@2");
    }

    @Test
    void emitIsAckedAndReachesSubscribersButNotItsSender() throws Exception {
        Recorder atB = new Recorder();
        Recorder atA = new Recorder();
        b.subscribe("/cue/**", atB).get(10, TimeUnit.SECONDS);
        a.subscribe("/cue/**", atA).get(10, TimeUnit.SECONDS);
        a.emit("/cue/go", Value.of("scene 2")).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> atB.updates.size() == 1);
        Update u = atB.updates.get(0);
        assertThat(u.signal()).isEqualTo(SignalType.EVENT);
        assertThat(u.value()).isEqualTo(Value.of("scene 2"));
        assertThat(u.timestamp()).isNotNull();
        // A's own event never comes back: a barrier from B proves A's queue is drained.
        b.emit("/cue/barrier", Value.ofNull()).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> atA.updates.size() == 1);
        assertThat(atA.lines()).containsExactly("/cue/barrier:EVENT=null");
    }

    @Test
    void streamSamplesArriveInOrderAtStreamSubscribersOnly() throws Exception {
        Recorder streams = new Recorder();
        Recorder events = new Recorder();
        b.subscribe("/sensor/*", Set.of(SignalType.STREAM), null, streams).get(10, TimeUnit.SECONDS);
        b.subscribe("/sensor/*", Set.of(SignalType.EVENT), null, events).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 100; i++) assertThat(a.stream("/sensor/x", Value.of(i / 100.0))).isTrue();
        await().atMost(WAIT).until(() -> streams.updates.size() == 100);
        assertThat(streams.updates).extracting(Update::value)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).mapToObj(i -> Value.of(i / 100.0)).toList());
        assertThat(events.updates).isEmpty();
    }

    @Test
    void aGestureArrivesAsStartTheLastMoveAndEndWithOneId() throws Exception {
        Recorder seen = new Recorder();
        b.subscribe("/touch/**", seen).get(10, TimeUnit.SECONDS);
        Gesture g = a.beginGesture("/touch/0", Value.of(Map.of("x", Value.of(0.0))));
        for (int i = 1; i <= 5; i++) g.update(Value.of(Map.of("x", Value.of(i / 10.0))));
        g.end(Value.of(Map.of("x", Value.of(1.0))));
        await().atMost(WAIT).until(() -> seen.updates.stream().anyMatch(u -> u.phase() == GesturePhase.END));
        List<Update> u = seen.updates;
        assertThat(u).allMatch(x -> x.gestureId() == g.id() && x.signal() == SignalType.GESTURE);
        assertThat(u.get(0).phase()).isEqualTo(GesturePhase.START);
        assertThat(u.get(u.size() - 1).phase()).isEqualTo(GesturePhase.END);
        // Moves are coalesced by the router: whatever came, the last one before END is the last move sent.
        Update lastMove = u.get(u.size() - 2);
        assertThat(lastMove.phase()).isEqualTo(GesturePhase.MOVE);
        assertThat(lastMove.value()).isEqualTo(Value.of(Map.of("x", Value.of(0.5))));
    }

    @Test
    void aBundleAppliesItsSetsTogetherAndIsAckedWithTheLastRevision() throws Exception {
        Recorder seen = new Recorder();
        b.subscribe("/light/**", seen).get(10, TimeUnit.SECONDS);
        a.set("/light/2", Value.of(0.0)).get(10, TimeUnit.SECONDS);
        Long revision = a.bundle().set("/light/1", Value.of(1.0)).set("/light/2", Value.of(0.5))
                .emit("/light/cue", Value.of(7L)).send().get(10, TimeUnit.SECONDS);
        assertThat(revision).isEqualTo(2L);
        await().atMost(WAIT).until(() -> seen.updates.size() == 4);
        assertThat(seen.lines()).containsExactly("/light/2=0.0@1", "/light/1=1.0@1", "/light/2=0.5@2", "/light/cue:EVENT=7");
    }

    @Test
    void aScheduledBundleIsAckedOnReceiptAndAppliedAtItsServerTimeNeverBefore() throws Exception {
        Recorder seen = new Recorder();
        List<Long> serverTimeAtArrival = new CopyOnWriteArrayList<>();
        b.subscribe("/fx/strobe", u -> {
            serverTimeAtArrival.add(b.serverTime());
            seen.onUpdate(u);
        }).get(10, TimeUnit.SECONDS);
        long at = a.serverTime() + 4_000_000;   // far enough ahead that the GET below comes first on a busy machine
        assertThat(a.bundle().set("/fx/strobe", Value.of(true)).sendAt(at).get(10, TimeUnit.SECONDS)).isNull();
        assertThatThrownBy(() -> a.get("/fx/strobe").get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ParamNotFoundException.class);
        await().atMost(WAIT).until(() -> seen.updates.size() == 1);
        assertThat(seen.lines()).containsExactly("/fx/strobe=true@1");
        // Both clients estimate the same router clock, each within half its best round trip: 50 ms covers a busy
        // machine, and still tells "at its time" from "on receipt", 4 s earlier.
        assertThat(serverTimeAtArrival.get(0)).isGreaterThanOrEqualTo(at - 50_000);
    }

    @Test
    void announceIsAckedAndQueryReturnsTheDefinitions() throws Exception {
        a.announce("/synth", List.of(new SignalDefinition("/synth/cutoff", SignalType.PARAM, "f64", "rw", null),
                new SignalDefinition("/synth/gate", SignalType.EVENT))).get(10, TimeUnit.SECONDS);
        List<SignalDefinition> found = b.query("/synth/**").get(10, TimeUnit.SECONDS);
        assertThat(found).extracting(SignalDefinition::address).containsExactlyInAnyOrder("/synth/cutoff", "/synth/gate");
        assertThat(found).filteredOn(d -> d.address().equals("/synth/cutoff")).singleElement()
                .satisfies(d -> {
                    assertThat(d.type()).isEqualTo(SignalType.PARAM);
                    assertThat(d.datatype()).isEqualTo("f64");
                    assertThat(d.access()).isEqualTo("rw");
                });
        assertThat(b.query("/none/**").get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aRefusedWriteFailsWithTheRoutersErrorCodeTextAndAddress() throws Exception {
        a.setLocked("/desk/master", Value.of(1.0)).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> b.set("/desk/master", Value.of(0.0)).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(ClaspErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.address()).isEqualTo("/desk/master");
                    assertThat(e.getMessage()).isEqualTo("ERROR 400: LockHeld { holder: \"" + a.sessionId() + "\" } (/desk/master)");
                });
        assertThat(a.setUnlocked("/desk/master", Value.of(0.5)).get(10, TimeUnit.SECONDS)).isEqualTo(2L);
        assertThat(b.set("/desk/master", Value.of(0.0)).get(10, TimeUnit.SECONDS)).isEqualTo(3L);
        assertThatThrownBy(() -> b.setIfRevision("/desk/master", Value.of(0.1), 1).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(ClaspErrorException.class,
                        e -> assertThat(e.getMessage()).contains("RevisionConflict { expected: 1, actual: 3 }"));
    }

    @Test
    void anInvalidPatternIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> a.subscribe("no-slash", u -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid address: address must start with '/': no-slash");
    }

    @Test
    void afterUnsubscribeNothingMoreIsDelivered() throws Exception {
        Recorder gone = new Recorder();
        Recorder stays = new Recorder();
        Subscription s = b.subscribe("/u/a", gone).get(10, TimeUnit.SECONDS);
        b.subscribe("/u/b", stays).get(10, TimeUnit.SECONDS);
        a.set("/u/a", Value.of(1L)).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> gone.updates.size() == 1);
        s.unsubscribe().get(10, TimeUnit.SECONDS);
        a.set("/u/a", Value.of(2L)).get(10, TimeUnit.SECONDS);
        a.set("/u/b", Value.of(3L)).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> stays.updates.size() == 1);
        assertThat(gone.lines()).containsExactly("/u/a=1@1");
    }

    @Test
    void requestsWhileNotConnectedFailAtOnceAndFireAndForgetIsDroppedAndCounted() throws Exception {
        ClaspClient c = ClaspClient.builder(endpoint(router)).tls(tls(router)).name("dan").build();
        assertThatThrownBy(() -> c.set("/x", Value.of(1L)).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(NotConnectedException.class).hasMessage("not connected (NEW)");
        assertThat(c.stream("/s", Value.of(1.0))).isFalse();
        assertThat(c.droppedWhileDisconnected()).isEqualTo(1);
        c.close();
        assertThatThrownBy(() -> c.get("/x").get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NotConnectedException.class);
    }

    @Test
    void closeEndsEveryThreadTheClientStarted() throws Exception {
        ClaspClient c = ClaspClient.builder(endpoint(router)).tls(tls(router)).name("erin").build();
        c.connect(WAIT);
        c.set("/t", Value.of(1L)).get(10, TimeUnit.SECONDS);
        assertThat(threadsNamed("clasp-client-erin")).isNotEmpty();
        c.close();
        assertThat(c.state()).isEqualTo(ConnectionState.CLOSED);
        await().atMost(WAIT).until(() -> threadsNamed("clasp-client-erin").isEmpty());
    }

    static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }
}
