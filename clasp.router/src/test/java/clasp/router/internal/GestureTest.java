package clasp.router.internal;
import clasp.router.internal.delivery.GestureCoalescer;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.clock.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.BundleMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SubscribeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** router-semantics §7.3 gesture coalescing at the router: interval 0, bundles, the timer flush, the registry cap. */
class GestureTest extends RouterTestSupport {
    private static PublishMessage g(long id, GesturePhase phase, double v) {
        return new PublishMessage("/pad", SignalType.GESTURE, Value.of(v), null, null, id, phase, null);
    }

    @Test void atInterval0AStartMovesEndSequenceYieldsExactlyThreeDeliveries() {
        restart(TestSettings.defaults().gestureCoalesceIntervalMs(0));
        TestClient sender = client();
        TestClient sub = client();
        sender.send(new SubscribeMessage(1, "/pad"));
        sub.send(new SubscribeMessage(1, "/pad", Set.of(SignalType.GESTURE), null));
        sender.send(g(1, GesturePhase.START, 0));
        for (int i = 1; i <= 100; i++) sender.send(g(1, GesturePhase.MOVE, i));
        sender.send(g(1, GesturePhase.END, 101));
        assertThat(sub.take()).containsExactly(g(1, GesturePhase.START, 0), g(1, GesturePhase.MOVE, 100), g(1, GesturePhase.END, 101));
        assertThat(sender.take()).isEmpty();
    }

    @Test void aCancelSendsThePendingMoveFirst() {
        restart(TestSettings.defaults().gestureCoalesceIntervalMs(0));
        TestClient sender = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/pad"));
        sender.send(g(2, GesturePhase.START, 0));
        sender.send(g(2, GesturePhase.MOVE, 1));
        sender.send(g(2, GesturePhase.MOVE, 2));
        sender.send(g(2, GesturePhase.CANCEL, 3));
        sender.send(g(2, GesturePhase.END, 4));   // no open gesture any more: forwarded alone
        assertThat(sub.take()).containsExactly(g(2, GesturePhase.START, 0), g(2, GesturePhase.MOVE, 2),
                g(2, GesturePhase.CANCEL, 3), g(2, GesturePhase.END, 4));
    }

    @Test void gesturesInsideABundleBypassTheRegistry() {
        restart(TestSettings.defaults().gestureCoalesceIntervalMs(0));
        TestClient sender = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/pad"));
        sender.send(new BundleMessage(null, List.of(g(3, GesturePhase.START, 0), g(3, GesturePhase.MOVE, 1), g(3, GesturePhase.MOVE, 2))));
        assertThat(sub.take()).containsExactly(g(3, GesturePhase.START, 0), g(3, GesturePhase.MOVE, 1), g(3, GesturePhase.MOVE, 2));
    }

    @Test void aMoveFlushedByTheTimerReachesSubscribersButNotItsSender() {
        ManualClock clock = new ManualClock();
        RouterCore core = new RouterCore(RouterSettings.defaults(), new MemoryParamStore(), new OpenAuthoriser(), clock);   // 16 ms
        TestClient sender = new TestClient(core).hello();
        TestClient sub = new TestClient(core).hello();
        sender.send(new SubscribeMessage(1, "/pad"));
        sub.send(new SubscribeMessage(1, "/pad"));
        sender.send(g(4, GesturePhase.START, 0));
        sender.send(g(4, GesturePhase.MOVE, 1));
        assertThat(sub.take()).containsExactly(g(4, GesturePhase.START, 0));
        clock.advance(15, TimeUnit.MILLISECONDS);
        assertThat(sub.take()).isEmpty();   // held for the interval
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(sub.take()).containsExactly(g(4, GesturePhase.MOVE, 1));
        assertThat(clock.pending()).isEqualTo(1);   // only the gesture's expiry: no periodic flush
        assertThat(sender.take()).isEmpty();
    }

    @Test void pastTheOpenGestureCapAStartIsForwardedWithoutOpeningAGesture() {
        List<String> sent = new ArrayList<>();
        Object lock = new Object();
        GestureCoalescer c = new GestureCoalescer(new ManualClock(), 0, a -> lock, (s, m) -> sent.add(m.id() + " " + m.phase()));
        for (long id = 0; id < GestureCoalescer.MAX_OPEN; id++) c.publish(null, g(id, GesturePhase.START, 0));
        assertThat(c.openCount()).isEqualTo(65_536);
        sent.clear();
        c.publish(null, g(70_000, GesturePhase.START, 0));
        c.publish(null, g(70_000, GesturePhase.MOVE, 1));     // not held: no gesture was opened
        c.publish(null, g(5, GesturePhase.START, 0));         // an open gesture restarts even at the cap
        c.publish(null, g(5, GesturePhase.MOVE, 1));          // held
        assertThat(sent).containsExactly("70000 START", "70000 MOVE", "5 START");
        assertThat(c.openCount()).isEqualTo(65_536);
    }

    @Test void aGestureSilentForTheConfiguredIdleTimeIsForgottenAndItsHeldMoveReachesSubscribers() {
        ManualClock clock = new ManualClock();
        RouterSettings settings = TestSettings.defaults().gestureCoalesceIntervalMs(0).gestureIdleSeconds(5).build();
        RouterCore core = new RouterCore(settings, new MemoryParamStore(), new OpenAuthoriser(), clock);
        TestClient sender = new TestClient(core).hello();
        TestClient sub = new TestClient(core).hello();
        sub.send(new SubscribeMessage(1, "/pad"));
        sender.send(g(6, GesturePhase.START, 0));
        sender.send(g(6, GesturePhase.MOVE, 1));
        clock.advance(4_999, TimeUnit.MILLISECONDS);
        assertThat(sub.take()).containsExactly(g(6, GesturePhase.START, 0));   // interval 0: held until End, or silence
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(sub.take()).containsExactly(g(6, GesturePhase.MOVE, 1));
        sender.send(g(6, GesturePhase.MOVE, 2));                                 // forgotten: passes straight through
        assertThat(sub.take()).containsExactly(g(6, GesturePhase.MOVE, 2));
        assertThat(clock.pending()).isZero();
    }
}
