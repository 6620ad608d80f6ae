package clasp.router.internal.plugin;
import clasp.router.internal.TestConnection;

import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import clasp.api.Feature;
import clasp.api.Value;
import clasp.api.bridge.Bridge;
import clasp.api.bridge.BridgeContext;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.BridgeInfo;
import clasp.api.router.ClaspException;
import clasp.api.router.PluginState;
import clasp.api.router.TransportInfo;
import clasp.protocol.ClaspCodec;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import clasp.protocol.transport.Transport;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The whiteboard: bridges and transports opened, isolated when they fail, closed without leftovers. Several tests wait
 * out {@link Bridge#OPEN_TIMEOUT_MS} or {@link Bridge#CALLBACK_TIMEOUT_MS}; each has a router of its own, so they run
 * side by side.
 */
@Execution(ExecutionMode.CONCURRENT)
class PluginHostTest {
    private RouterComponent router;
    private long nextServiceId = 100;

    @BeforeEach void start() {
        router = new RouterComponent();
        router.startStandalone(RouterSettings.defaults());
    }

    @AfterEach void stop() { router.deactivate(); }

    private long addBridge(String id, Bridge bridge) {
        long sid = nextServiceId++;
        router.plugins().addBridge(sid, bridge, Map.of(Bridge.ID, id, Bridge.PROTOCOL, "test", PluginHost.BUNDLE, "it.bundle"));
        return sid;
    }

    private BridgeInfo bridge(String id) {
        return router.bridges().stream().filter(b -> b.id().equals(id)).findFirst().orElse(null);
    }

    /** Subscribes to /in/** in open and copies every SET to /out/<same path>, counting closes. */
    private static final class CopyBridge implements Bridge {
        final AtomicInteger closes = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile BridgeContext context;

        @Override public void open(BridgeContext ctx) throws Exception {
            context = ctx;
            threads.add(Thread.currentThread().getName());
            ctx.session().subscribe("/in/**", Set.of(), m -> {
                threads.add(Thread.currentThread().getName());
                SetMessage set = (SetMessage) m;
                try {
                    ctx.session().set("/out" + set.address().substring(3), set.value());
                } catch (ClaspException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override public void close() { closes.incrementAndGet(); }
    }

    @Test void aBridgeIsOpenedOnTheBridgePoolCarriesTrafficAndIsClosedOnRemoval() throws Exception {
        CopyBridge copy = new CopyBridge();
        long sid = addBridge("copy", copy);
        await().atMost(30, TimeUnit.SECONDS).until(() -> bridge("copy").state() == PluginState.ONLINE);
        assertThat(bridge("copy").protocol()).isEqualTo("test");
        assertThat(bridge("copy").bundle()).isEqualTo("it.bundle");

        try (var writer = router.openSession("writer", false)) {
            writer.set("/in/fader", Value.of(0.25));
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> router.param("/out/fader").isPresent());
        assertThat(router.param("/out/fader").get().value()).isEqualTo(Value.of(0.25));
        assertThat(copy.threads).isNotEmpty().allMatch(n -> n.matches("clasp-router-bridge-\\d+"));
        BridgeInfo info = bridge("copy");
        assertThat(info.messagesIn()).isEqualTo(2);     // subscribe + set
        assertThat(info.messagesOut()).isEqualTo(1);
        assertThat(router.sessions()).anyMatch(s -> s.name().equals("bridge:copy"));

        router.plugins().removeBridge(sid);
        assertThat(copy.closes).hasValue(1);
        assertThat(router.bridges()).isEmpty();
        assertThat(router.sessions()).noneMatch(s -> s.name().equals("bridge:copy"));
        // Nothing of it runs any more: its strand refuses tasks, as its context says once the bridge is removed.
        assertThatThrownBy(() -> copy.context.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> copy.context.schedule(() -> { }, 1, TimeUnit.MILLISECONDS))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(router.param("/out/fader")).isPresent();   // state outlives the bridge
    }

    @Test void aBridgeThatThrowsInOpenIsFailedWithTheReasonAndOthersRun() {
        addBridge("broken", new Bridge() {
            @Override public void open(BridgeContext c) { throw new IllegalStateException("no device /dev/ttyUSB9"); }
            @Override public void close() { }
        });
        addBridge("fine", new CopyBridge());
        await().atMost(30, TimeUnit.SECONDS).until(() -> bridge("broken").state() == PluginState.FAILED
                && bridge("fine").state() == PluginState.ONLINE);
        assertThat(bridge("broken").detail()).isEqualTo("open failed: java.lang.IllegalStateException: no device /dev/ttyUSB9");
    }

    @Test void aBridgeBlockedInACallbackIsReportedWhileRoutingGoesOnAndRecovers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<BridgeContext> ctx = new AtomicReference<>();
        addBridge("stuck", new Bridge() {
            @Override public void open(BridgeContext c) throws Exception {
                ctx.set(c);
                c.session().subscribe("/block", Set.of(), m -> {
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                c.status(PluginState.ONLINE, "listening");
            }
            @Override public void close() { }
        });
        await().atMost(30, TimeUnit.SECONDS).until(() -> bridge("stuck").state() == PluginState.ONLINE);
        TestConnection sub = new TestConnection();
        ConnectionHandler subscriber = router.accept(sub);
        send(subscriber, new HelloMessage(1, Set.of(Feature.PARAM), "sub", null));
        send(subscriber, new SubscribeMessage(1, "/x"));

        try (var writer = router.openSession("writer", false)) {
            writer.set("/block", Value.of(true));
            await().atMost(30, TimeUnit.SECONDS).until(() -> bridge("stuck").state() == PluginState.FAILED);
            assertThat(bridge("stuck").detail()).startsWith("blocked in a callback for more than 5000 ms");
            sub.clear();
            for (int i = 0; i < 1000; i++) writer.set("/x", Value.of(i));   // everyone else is unaffected
            List<Message> got = sub.messages();
            assertThat(got).hasSize(1000);
            assertThat(((SetMessage) got.get(999)).value()).isEqualTo(Value.of(999));
        }
        release.countDown();
        await().atMost(30, TimeUnit.SECONDS).until(() -> bridge("stuck").state() == PluginState.ONLINE);
        assertThat(bridge("stuck").detail()).startsWith("recovered after a callback blocked for ");
    }

    @Test void aBridgeStuckInOpenTimesOutAndItsRemovalStillCompletes() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger closes = new AtomicInteger();
        CountDownLatch interrupted = new CountDownLatch(1);
        long sid = addBridge("slow", new Bridge() {
            @Override public void open(BridgeContext c) throws Exception {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            }
            @Override public void close() { closes.incrementAndGet(); }
        });
        await().atMost(30, TimeUnit.SECONDS).until(() -> bridge("slow").state() == PluginState.FAILED);
        // The watchdog marks it failed; the open call is still parked, as a misbehaving plugin's would be.
        assertThat(bridge("slow").detail()).isEqualTo("open did not return within 5000 ms");
        // Its own timeouts end the removal: a bridge stuck in open cannot hold it forever.
        java.util.concurrent.CompletableFuture<Void> removal =
                java.util.concurrent.CompletableFuture.runAsync(() -> router.plugins().removeBridge(sid));
        await().atMost(60, TimeUnit.SECONDS).until(removal::isDone);
        removal.join();
        assertThat(closes).hasValue(1);   // close ran on another thread once the stuck one was interrupted
        assertThat(interrupted.await(30, TimeUnit.SECONDS)).as("the stuck open was interrupted, giving its pool thread back").isTrue();
    }

    @Test void aBridgeWhoseOpenReturnsLateIsOnlineOnceItReturns() {
        CountDownLatch late = new CountDownLatch(1);
        addBridge("late", new Bridge() {
            @Override public void open(BridgeContext c) throws Exception { late.await(); }
            @Override public void close() { }
        });
        await().atMost(30, TimeUnit.SECONDS).until(() -> bridge("late").state() == PluginState.FAILED);
        late.countDown();
        await().atMost(30, TimeUnit.SECONDS).until(() -> bridge("late").state() == PluginState.ONLINE);
        assertThat(bridge("late").detail()).matches("open returned after \\d+ ms");
    }

    @Test void aBusyBridgeWhoseCallsEachReturnQuicklyIsNotReportedBlocked() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        addBridge("busy", new Bridge() {
            @Override public void open(BridgeContext c) throws Exception {
                c.session().subscribe("/busy", Set.of(), m -> {
                    try {
                        Thread.sleep(2);   // a slow device write: 2 ms a message
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    handled.incrementAndGet();
                });
            }
            @Override public void close() { }
        });
        await().atMost(30, TimeUnit.SECONDS).until(() -> bridge("busy").state() == PluginState.ONLINE);
        try (var writer = router.openSession("writer", false)) {
            for (int i = 0; i < 3500; i++) writer.set("/busy", Value.of(i));   // one drain of at least 7 s
        }
        List<PluginState> seen = new CopyOnWriteArrayList<>();
        await().atMost(30, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).until(() -> {
            seen.add(bridge("busy").state());
            return handled.get() == 3500;
        });
        assertThat(seen).containsOnly(PluginState.ONLINE);
    }

    /** A transport that hands the router one in-memory connection when asked. */
    private static final class MemoryTransport implements Transport {
        volatile ConnectionAcceptor acceptor;
        final AtomicInteger closes = new AtomicInteger();
        final String failure;

        MemoryTransport(String failure) {
            this.failure = failure;
            this.endpoint = failure == null ? "mem://test" : ""; // like a real transport: no endpoint while not listening
        }

        @Override public void open(ConnectionAcceptor a) {
            if (failure != null) throw new IllegalStateException(failure);
            acceptor = a;
        }
        volatile String endpoint;

        @Override public String endpoint() { return endpoint; }
        @Override public void close() { closes.incrementAndGet(); }
    }

    @Test void transportsAreOpenedWithAnAcceptorThatCountsTheirTrafficAndRefusesOnceRemoved() throws Exception {
        MemoryTransport mem = new MemoryTransport(null);
        long sid = nextServiceId++;
        router.plugins().addTransport(sid, mem, Map.of(Transport.ID, "main", Transport.KIND, "memory"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> transport("main").state() == PluginState.ONLINE);
        assertThat(transport("main").endpoint()).isEqualTo("mem://test");
        assertThat(transport("main").detail()).isEqualTo("listening on mem://test");
        mem.endpoint = "mem://rebound"; // a transport that rebinds on a configuration change: the list shows where it is now
        assertThat(transport("main").endpoint()).isEqualTo("mem://rebound");
        assertThat(transport("main").detail()).isEqualTo("listening on mem://rebound");

        TestConnection conn = new TestConnection();
        ConnectionHandler h = mem.acceptor.accept(conn);
        send(h, new HelloMessage(1, Set.of(Feature.PARAM), "desk", null));
        TransportInfo t = transport("main");
        assertThat(t.connections()).isEqualTo(1);
        assertThat(t.accepted()).isEqualTo(1);
        assertThat(t.framesIn()).isEqualTo(1);
        assertThat(t.framesOut()).isEqualTo(2);   // WELCOME, SNAPSHOT
        assertThat(router.sessions()).anyMatch(s -> s.name().equals("desk") && s.origin().equals("test:1 via memory:main"));

        router.plugins().removeTransport(sid);
        assertThat(mem.closes).hasValue(1);
        assertThat(router.transports()).isEmpty();
        TestConnection late = new TestConnection();
        mem.acceptor.accept(late);
        assertThat(late.closeCode).isEqualTo(1001);
    }

    @Test void aTransportThatCannotListenIsFailedWithItsMessage() {
        router.plugins().addTransport(nextServiceId++, new MemoryTransport("cannot listen on 0.0.0.0:7330: Address already in use"),
                Map.of("service.pid", "clasp.transport.websocket~second", Transport.KIND, "websocket"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> transport("second") != null && transport("second").state() == PluginState.FAILED);
        assertThat(transport("second").detail()).isEqualTo("open failed: cannot listen on 0.0.0.0:7330: Address already in use");
    }

    @Test void aFailedTransportThatAConfigurationChangeMadeListenIsShownOnline() {
        MemoryTransport busy = new MemoryTransport("cannot listen on 0.0.0.0:7330: Address already in use");
        router.plugins().addTransport(nextServiceId++, busy, Map.of(Transport.ID, "third", Transport.KIND, "memory"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> transport("third") != null && transport("third").state() == PluginState.FAILED);
        assertThat(transport("third").endpoint()).isEmpty();

        busy.endpoint = "mem://7331"; // the transport bound its new port on @Modified
        assertThat(transport("third").state()).isEqualTo(PluginState.ONLINE);
        assertThat(transport("third").detail()).isEqualTo("listening on mem://7331");
    }

    @Test void pluginsBoundBeforeTheRouterStartsAreOpenedWhenItStarts() {
        RouterComponent fresh = new RouterComponent();
        CopyBridge copy = new CopyBridge();
        fresh.plugins().addBridge(1, copy, Map.of(Bridge.ID, "early"));
        fresh.startStandalone(RouterSettings.defaults());
        try {
            await().atMost(30, TimeUnit.SECONDS).until(() -> fresh.bridges().size() == 1
                    && fresh.bridges().get(0).state() == PluginState.ONLINE);
        } finally {
            fresh.deactivate();
        }
        assertThat(copy.closes).hasValue(1);
    }

    private TransportInfo transport(String id) {
        return router.transports().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    private static void send(ConnectionHandler h, Message m) throws Exception {
        h.frameReceived(Unpooled.wrappedBuffer(ClaspCodec.defaults().encode(Frame.of(m))));
    }

}
