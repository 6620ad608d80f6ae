package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import clasp.api.FloatValue;
import clasp.api.Value;
import clasp.api.bridge.Bridge;
import clasp.api.bridge.BridgeContext;
import clasp.api.message.ParamEntry;
import clasp.api.message.SetMessage;
import clasp.api.router.BridgeInfo;
import clasp.api.router.ParamState;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.SessionInfo;
import clasp.api.router.TransportInfo;
import clasp.itest.bridge.EchoBridge;
import clasp.itest.bridge.v1.EchoBridgeV1;
import clasp.itest.bridge.v2.EchoBridgeV2;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Hot install, update and removal of plugins with real traffic flowing: a WebSocket client SETs {@value #FADER}
 * 200 times a second, a second one subscribed to {@code /it/**} records every SET it gets, and the tests check
 * that what happens to bridges and to the WebSocket transport neither loses nor duplicates a revision, leaves
 * no thread behind, and keeps the router's params. The echo bridge bundle is built at test time
 * ({@link TestBundles}); fake bridges that throw or block are registered straight from the probe.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT {
    private static final String FADER = EchoBridge.FADER;
    private static final int RATE = 200;
    /** How long a test bridge blocks at most when a failing test never releases it (cleanUp does). */
    private static final long BLOCK_MS = 120_000;
    private static final String WEBSOCKET_BSN = "clasp.transport.websocket";
    private static final String WEBSOCKET_THREADS = "clasp-transport-websocket-";
    /** The longest any wait of these tests may take: generous, the machine may be busy; a pass returns sooner. */
    private static final Duration ROUTER_WAIT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private Router router;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private ClaspClient subscriber;
    private ClaspClient senderClient;
    private Sender sender;
    private final List<Bundle> installed = new ArrayList<>();
    private final List<Configuration> configurations = new ArrayList<>();
    private final List<ServiceRegistration<Bridge>> registrations = new ArrayList<>();
    private final CountDownLatch releaseBlocked = new CountDownLatch(1);

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path etc = Provisioning.workDir().resolve("hotswap").resolve("etc");
        RuntimeProcess.quietListener(etc);
        TestBundles.buildEcho();
        return OptionUtils.combine(Provisioning.runtime(etc), Provisioning.awaitility());
    }

    @Before
    public void connect() throws Exception {
        URI uri = URI.create(Listeners.awaitDefault(router).endpoint());
        subscriber = ClaspClient.connect(uri, "it-subscriber");
        subscriber.subscribe(1, "/it/**");
        senderClient = ClaspClient.connect(uri, "it-sender");
        sender = new Sender(senderClient, FADER, RATE);
    }

    @After
    public void cleanUp() throws Exception {
        releaseBlocked.countDown();
        if (sender != null) sender.close();
        if (senderClient != null) senderClient.close();
        if (subscriber != null) subscriber.close();
        for (ServiceRegistration<Bridge> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the test unregistered it
            }
        }
        for (Bundle b : installed) {
            if (b.getState() != Bundle.UNINSTALLED) b.uninstall();
        }
        for (Configuration c : configurations) {
            try {
                c.delete();
            } catch (IllegalStateException alreadyDeleted) {
                // the test deleted it
            }
        }
        Bundle websocket = bundle(WEBSOCKET_BSN);
        if (websocket.getState() != Bundle.ACTIVE) websocket.start();
        Eventually.until("no bridge left", ROUTER_WAIT, router::bridges, List::isEmpty);
    }

    // ---- the echo bridge bundle

    /** Install, start: it goes ONLINE and echoes. Stop: it is gone with its session and threads, and no SET is lost. */
    @Test
    public void aStartedBridgeBundleCarriesTrafficAndStoppingItLeavesNothingBehind() throws Exception {
        echoConfiguration("hs1");
        sender.start();
        Bundle echo = installEcho(1);
        echo.start();

        BridgeInfo online = awaitBridge("hs1", PluginState.ONLINE, "echoing");
        assertEquals("protocol of " + online, EchoBridge.PROTOCOL, online.protocol());
        assertEquals("bundle of " + online, TestBundles.ECHO_BSN, online.bundle());
        awaitEchoes(EchoBridgeV1.ECHO, 0, 20);
        assertFalse("no worker thread while ONLINE: " + threads("clasp-"), threads(EchoBridge.workerName("hs1")).isEmpty());
        awaitSharedBridgeThreads();
        assertTrue("no session bridge:hs1 in " + router.sessions(), hasSession(router.sessions(), "bridge:hs1"));

        int ackedAtStop = sender.acked().size();
        long stopMs = timed(echo::stop);
        ParamState echoAtStop = router.param(EchoBridgeV1.ECHO).orElseThrow();
        log("echo bundle stopped in " + stopMs + " ms with traffic flowing");

        awaitGone("hs1");
        Eventually.until("session bridge:hs1 gone", ROUTER_WAIT, router::sessions, s -> !hasSession(s, "bridge:hs1"));
        awaitNoThreads("clasp-bridge-echo-");
        // traffic goes on across the stop (half a second more), then every revision must have arrived
        awaitAcks("100 more ACKs after the stop", ackedAtStop + 100);
        assertEverySetArrivedOnceInOrder();
        assertFaderIsLastSent();
        assertEquals("the bridge wrote after it stopped, or its param changed", echoAtStop,
                router.param(EchoBridgeV1.ECHO).orElse(null));

        echo.uninstall();
        awaitNoThreads("clasp-bridge-echo-");
        assertEquals(List.of(), router.bridges());
        assertEquals(echoAtStop, router.param(EchoBridgeV1.ECHO).orElse(null));
        assertFaderIsLastSent();
    }

    /** Bundle.update to the second build: the same instance comes back ONLINE running the new code. */
    @Test
    public void updatingTheBridgeBundleSwitchesTrafficToTheNewBuild() throws Exception {
        echoConfiguration("hs2");
        Bundle echo = installEcho(1);
        echo.start();
        awaitBridge("hs2", PluginState.ONLINE, EchoBridgeV1.ECHO);
        sender.start();
        awaitEchoes(EchoBridgeV1.ECHO, 0, 10);

        long updateMs;
        try (InputStream build2 = Files.newInputStream(TestBundles.echo(2))) {
            updateMs = timed(() -> echo.update(build2));
        }
        List<Double> sentBeforeUpdate = sender.sent();
        double lastBeforeUpdate = sentBeforeUpdate.get(sentBeforeUpdate.size() - 1);
        ParamState v1Echo = router.param(EchoBridgeV1.ECHO).orElseThrow();
        log("echo bundle updated to build 2 in " + updateMs + " ms with traffic flowing");
        assertEquals(new Version(2, 0, 0), echo.getVersion());
        assertEquals(Bundle.ACTIVE, echo.getState());

        awaitBridge("hs2", PluginState.ONLINE, EchoBridgeV2.ECHO);
        awaitEchoes(EchoBridgeV2.ECHO, lastBeforeUpdate, 10);
        Eventually.until("one worker for hs2", ROUTER_WAIT, () -> threads("clasp-"),
                t -> threads(EchoBridge.workerName("hs2")).size() == 1);
        awaitSharedBridgeThreads();

        assertEverySetArrivedOnceInOrder();
        double last = lastSent();
        Eventually.until("the new build echoes the last SET, " + last, ROUTER_WAIT, () -> router.param(EchoBridgeV2.ECHO),
                p -> p.map(state -> state.value().equals(Value.of(last))).orElse(false));
        assertEquals("the old build wrote after the update", v1Echo, router.param(EchoBridgeV1.ECHO).orElse(null));
        echo.stop();
        awaitNoThreads("clasp-bridge-echo-");
    }

    /** Two factory configurations: two instances ONLINE side by side; deleting one removes only it. */
    @Test
    public void twoInstancesRunSideBySideAndDeletingOneConfigurationRemovesOnlyIt() throws Exception {
        Configuration a = echoConfiguration("hs-a");
        echoConfiguration("hs-b");
        Bundle echo = installEcho(1);
        echo.start();
        awaitBridge("hs-a", PluginState.ONLINE, "echoing");
        awaitBridge("hs-b", PluginState.ONLINE, "echoing");
        sender.start();
        Eventually.until("both instances echo", ROUTER_WAIT, router::bridges,
                b -> messagesIn("hs-a") >= 10 && messagesIn("hs-b") >= 10);
        assertEquals("workers: " + threads("clasp-bridge-echo-"), 1, threads(EchoBridge.workerName("hs-a")).size());
        assertEquals("workers: " + threads("clasp-bridge-echo-"), 1, threads(EchoBridge.workerName("hs-b")).size());

        a.delete();
        awaitGone("hs-a");
        awaitNoThreads(EchoBridge.workerName("hs-a"));
        awaitSharedBridgeThreads();
        long bIn = messagesIn("hs-b");
        Eventually.until("hs-b still echoes", ROUTER_WAIT, () -> bridge("hs-b"), b -> b.messagesIn() >= bIn + 10);
        assertEquals(PluginState.ONLINE, bridge("hs-b").state());
        assertEverySetArrivedOnceInOrder();
        echo.stop();
        awaitNoThreads("clasp-bridge-echo-");
    }

    // ---- bridges that misbehave, registered straight from the probe

    /** An open that throws: FAILED "open failed: …" and closed at once (session, listeners); routing goes on. */
    @Test
    public void aBridgeThatThrowsInOpenIsFailedAndClosedAndRoutingGoesOn() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        AtomicInteger deliveries = new AtomicInteger();
        ServiceRegistration<Bridge> registration = register("hs-throws", new Bridge() {
            @Override public void open(BridgeContext context) throws Exception {
                context.session().subscribe(FADER, Set.of(), message -> deliveries.incrementAndGet());
                throw new IllegalStateException("no peer configured");
            }

            @Override public void close() {
                closes.incrementAndGet();
            }
        });
        BridgeInfo failed = awaitBridge("hs-throws", PluginState.FAILED, "open failed");
        assertTrue("detail without the exception: " + failed, failed.detail().contains("no peer configured"));
        // Bridge.open: "the instance is then marked failed and closed"
        Eventually.until("close() after the failed open", ROUTER_WAIT, closes::get, n -> n == 1);
        assertFalse("the failed bridge's session is open: " + router.sessions(),
                hasSession(router.sessions(), "bridge:hs-throws"));

        sender.start();
        awaitAcks("40 ACKs", 40);
        assertEverySetArrivedOnceInOrder();
        assertEquals("listener calls of the failed bridge", 0, deliveries.get());
        assertEquals(PluginState.FAILED, bridge("hs-throws").state());

        registration.unregister();
        awaitGone("hs-throws");
        assertEquals("close() calls after the failed open and the removal", 1, closes.get());
    }

    /** An open that does not return: FAILED once the open timeout has passed, while routing goes on unaffected. */
    @Test
    public void aBridgeThatBlocksInOpenIsFailedAfterTheOpenTimeoutAndRoutingGoesOn() throws Exception {
        AtomicLong openedAt = new AtomicLong();
        AtomicInteger deliveries = new AtomicInteger();
        long registeredAt = System.nanoTime();
        register("hs-slow-open", new Bridge() {
            @Override public void open(BridgeContext context) throws Exception {
                openedAt.set(System.nanoTime());
                context.session().subscribe(FADER, Set.of(), message -> deliveries.incrementAndGet());
                releaseBlocked.await(BLOCK_MS, TimeUnit.MILLISECONDS);
            }

            @Override public void close() {
            }
        });
        sender.start();
        BridgeInfo failed = Eventually.until("hs-slow-open FAILED", ROUTER_WAIT.plusMillis(Bridge.OPEN_TIMEOUT_MS),
                () -> bridge("hs-slow-open"), b -> b != null && b.state() == PluginState.FAILED);
        long failedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - registeredAt);
        log("bridge blocked in open FAILED " + failedAfterMs + " ms after its registration: " + failed);
        assertTrue("open never called", openedAt.get() != 0);
        assertTrue("detail of " + failed, failed.detail().contains("open did not return"));
        // not before its timeout (a busy machine can only make it later)
        assertTrue("FAILED " + failedAfterMs + " ms after its registration", failedAfterMs >= Bridge.OPEN_TIMEOUT_MS);
        assertEverySetArrivedOnceInOrder();

        releaseBlocked.countDown();
        Eventually.until("the late open's subscription delivers", ROUTER_WAIT, deliveries::get, n -> n > 0);
        log("after its open returned late: " + bridge("hs-slow-open") + ", listener calls " + deliveries.get());
    }

    /**
     * A listener that blocks until the test lets it go: while it is blocked the WebSocket traffic is ACKed and
     * delivered, the instance is FAILED, and it stays FAILED; once the listener returns the instance is ONLINE
     * again and receives what was queued for it, none dropped.
     */
    @Test
    public void aBridgeBlockedInACallbackIsFailedWhileTrafficFlowsThenRecovers() throws Exception {
        AtomicBoolean blockOnce = new AtomicBoolean();
        AtomicBoolean blocked = new AtomicBoolean();
        register("hs-blocked", new Bridge() {
            @Override public void open(BridgeContext context) throws Exception {
                context.session().subscribe(FADER, Set.of(), message -> {
                    if (blockOnce.compareAndSet(false, true)) {
                        blocked.set(true);
                        try {
                            releaseBlocked.await(BLOCK_MS, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            blocked.set(false);
                        }
                    }
                });
            }

            @Override public void close() {
            }
        });
        awaitBridge("hs-blocked", PluginState.ONLINE, "");
        sender.start();
        Eventually.until("the listener blocks", ROUTER_WAIT, blocked::get);
        int ackedAtBlock = sender.acked().size();

        // Traffic goes on beside the blocked listener: 100 more SETs ACKed, and delivered to the WebSocket subscriber.
        awaitAcks("100 ACKs while the listener is blocked", ackedAtBlock + 100);
        List<Long> window = sender.acked().subList(ackedAtBlock, ackedAtBlock + 100);
        Eventually.until("the window's revisions at the subscriber", ROUTER_WAIT,
                () -> revisions(subscriber.sets(FADER)).containsAll(window));
        BridgeInfo failed = Eventually.until("hs-blocked FAILED", ROUTER_WAIT, () -> bridge("hs-blocked"),
                b -> b != null && b.state() == PluginState.FAILED);
        assertTrue("detail of " + failed, failed.detail().contains("blocked in a callback"));
        assertTrue("the listener returned before the test released it", blocked.get());
        Eventually.holds(Duration.ofMillis(500), "hs-blocked stays FAILED while its listener is blocked",
                () -> bridge("hs-blocked").state() == PluginState.FAILED);
        int sentWhileBlocked = sender.sent().size();

        releaseBlocked.countDown();
        BridgeInfo recovered = Eventually.until("hs-blocked ONLINE again", ROUTER_WAIT,
                () -> bridge("hs-blocked"), b -> b != null && b.state() == PluginState.ONLINE);
        log("blocked bridge ONLINE again once its listener returned: " + recovered);
        assertTrue("detail of " + recovered, recovered.detail().contains("recovered"));
        Eventually.until("the queued messages reach the bridge", ROUTER_WAIT, () -> bridge("hs-blocked"),
                b -> b.messagesOut() >= sentWhileBlocked);
        assertEquals("dropped for " + bridge("hs-blocked"), 0, bridge("hs-blocked").dropped());
        assertEverySetArrivedOnceInOrder();
    }

    // ---- the WebSocket transport bundle

    /**
     * Stop, with traffic flowing: clients are closed with 1001, no transport thread survives, the params stay.
     * Start: new clients find the params as they were.
     */
    @Test
    public void restartingTheWebSocketTransportBundleKeepsTheParams() throws Exception {
        sender.start();
        awaitAcks("50 ACKs", 50);
        String endpoint = Listeners.awaitDefault(router).endpoint();

        Bundle websocket = bundle(WEBSOCKET_BSN);
        long stopMs = timed(websocket::stop);
        log("websocket transport stopped in " + stopMs + " ms with 2 clients connected, one sending");
        assertEquals("close code for the subscriber", 1001, (int) subscriber.closed.get(ROUTER_WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("close code for the sender", 1001, (int) senderClient.closed.get(ROUTER_WAIT.toSeconds(), TimeUnit.SECONDS));
        Exception stopped = sender.halt();
        log("the sender stopped with " + stopped + " after " + sender.sent().size() + " SETs");
        Eventually.until("no transport", ROUTER_WAIT, router::transports, List::isEmpty);
        Eventually.until("no network session", ROUTER_WAIT, this::networkSessions, List::isEmpty);
        awaitNoThreads(WEBSOCKET_THREADS);
        ParamState atStop = router.param(FADER).orElseThrow();
        assertTrue("param " + atStop + " behind the last ACK, revision " + lastAcked(), atStop.revision() >= lastAcked());
        assertArrivedOnceInOrder(sender.acked(), revisions(subscriber.sets(FADER)), false);

        long startMs = timed(websocket::start);
        TransportInfo back = Listeners.awaitDefault(router);
        log("websocket transport started in " + startMs + " ms: " + back);
        assertEquals(endpoint, back.endpoint());
        assertEquals("param while the transport was away", atStop, router.param(FADER).orElse(null));
        subscriber = ClaspClient.connect(URI.create(endpoint), "it-subscriber-again");
        subscriber.subscribe(1, "/it/**");
        senderClient = ClaspClient.connect(URI.create(endpoint), "it-sender-again");
        ParamEntry fader = senderClient.get(FADER).orElseThrow(() -> new AssertionError("GET " + FADER + ": no SNAPSHOT"));
        assertEquals("revision after the restart", atStop.revision(), fader.revision());
        assertEquals("value after the restart", atStop.value(), fader.value());

        sender = new Sender(senderClient, FADER, RATE);
        sender.start();
        awaitAcks("traffic after the restart", 20);
        assertEquals("first revision after the restart", atStop.revision() + 1, (long) sender.acked().get(0));
        assertEverySetArrivedOnceInOrder();
    }

    // ---- checks

    /**
     * Stops the sender, then checks that the subscriber got every SET it sent, each once, in revision order, with
     * the value sent, and that nobody else wrote the fader meanwhile.
     */
    private void assertEverySetArrivedOnceInOrder() throws InterruptedException {
        sender.stop();
        List<Double> sent = sender.sent();
        List<Long> acked = sender.acked();
        assertEquals("ACKs for " + sent.size() + " SETs", sent.size(), acked.size());
        assertFalse("nothing was sent", sent.isEmpty());
        long first = acked.get(0);
        long last = acked.get(acked.size() - 1);
        Eventually.until("revision " + last + " at the subscriber", ROUTER_WAIT,
                () -> revisions(subscriber.sets(FADER)), r -> r.contains(last));
        List<SetMessage> got = subscriber.sets(FADER).stream()
                .filter(s -> s.revision() >= first)
                .collect(Collectors.toList());
        List<Long> revisions = revisions(got);
        assertArrivedOnceInOrder(acked, revisions, true);
        for (int i = 0; i < got.size(); i++) {
            assertEquals("value of revision " + revisions.get(i), Value.of(sent.get(i)), got.get(i).value());
        }
        assertNull(subscriber.problem());
    }

    /**
     * The revisions received from the first ACKed one on must be the ACKed ones, once each, in order. When the
     * connections went away meanwhile ({@code complete} false) the subscriber may have got fewer, or more (SETs
     * whose ACK the sender lost), but still consecutive revisions from the first on: no gap, no duplicate.
     */
    private static void assertArrivedOnceInOrder(List<Long> acked, List<Long> allReceived, boolean complete) {
        long first = acked.get(0);
        long last = acked.get(acked.size() - 1);
        for (int i = 0; i < acked.size(); i++) {
            if (acked.get(i) != first + i) throw new AssertionError("ACKed revisions not consecutive at " + i + ": " + acked);
        }
        List<Long> revisions = allReceived.stream().filter(r -> r >= first).collect(Collectors.toList());
        boolean consecutive = !revisions.isEmpty();
        for (int i = 0; i < revisions.size() && consecutive; i++) consecutive = revisions.get(i) == first + i;
        if (complete ? !revisions.equals(acked) : !consecutive) {
            TreeSet<Long> missing = new TreeSet<>(acked);
            missing.removeAll(revisions);
            if (!complete && !revisions.isEmpty()) missing.removeIf(r -> r > revisions.get(revisions.size() - 1));
            List<Long> duplicated = revisions.stream().filter(r -> revisions.indexOf(r) != revisions.lastIndexOf(r))
                    .distinct().collect(Collectors.toList());
            throw new AssertionError(String.format("ACKed %d SETs (revisions %d..%d), the subscriber got %d from %d on:"
                    + " missing %s, duplicated %s, in order %b", acked.size(), first, last, revisions.size(), first,
                    missing, duplicated, new ArrayList<>(new TreeSet<>(revisions)).equals(revisions)));
        }
    }

    private void assertFaderIsLastSent() {
        ParamState fader = router.param(FADER).orElseThrow();
        assertEquals("revision of " + fader, lastAcked(), fader.revision());
        assertEquals("value of " + fader, Value.of(lastSent()), fader.value());
    }

    /** Awaits {@code count} echoes at {@code address} of values sent after {@code after}, in the order sent. */
    private void awaitEchoes(String address, double after, int count) {
        Eventually.until(count + " echoes at " + address + " of values after " + after, ROUTER_WAIT,
                () -> echoes(address, after), e -> e.size() >= count);
        List<Double> echoes = echoes(address, after);
        Set<Double> sent = new HashSet<>(sender.sent());
        for (int i = 0; i < echoes.size(); i++) {
            assertTrue("echo " + echoes.get(i) + " was never sent", sent.contains(echoes.get(i)));
            if (i > 0) assertTrue("echoes out of order: " + echoes, echoes.get(i) > echoes.get(i - 1));
        }
    }

    private List<Double> echoes(String address, double after) {
        return subscriber.sets(address).stream()
                .map(s -> ((FloatValue) s.value()).value())
                .filter(v -> v > after)
                .collect(Collectors.toList());
    }

    private static List<Long> revisions(List<SetMessage> sets) {
        return sets.stream().map(SetMessage::revision).collect(Collectors.toList());
    }

    private long lastAcked() {
        List<Long> acked = sender.acked();
        return acked.get(acked.size() - 1);
    }

    private double lastSent() {
        List<Double> sent = sender.sent();
        return sent.get(sent.size() - 1);
    }

    // ---- the router, bundles, configurations, threads


    private BridgeInfo bridge(String id) {
        return router.bridges().stream().filter(b -> b.id().equals(id)).findFirst().orElse(null);
    }

    private long messagesIn(String id) {
        BridgeInfo b = bridge(id);
        return b == null ? -1 : b.messagesIn();
    }

    private BridgeInfo awaitBridge(String id, PluginState state, String detail) {
        Eventually.until(id + " " + state + " with \"" + detail + "\"", ROUTER_WAIT, router::bridges,
                bridges -> bridges.stream().anyMatch(b -> b.id().equals(id) && b.state() == state && b.detail().contains(detail)));
        return bridge(id);
    }

    private void awaitGone(String id) {
        Eventually.until(id + " gone from bridges()", ROUTER_WAIT, router::bridges,
                bridges -> bridges.stream().noneMatch(b -> b.id().equals(id)));
    }

    private void awaitAcks(String what, int count) {
        Eventually.until(what, ROUTER_WAIT, () -> sender.acked().size(), n -> n >= count);
    }

    private static boolean hasSession(List<SessionInfo> sessions, String name) {
        return sessions.stream().anyMatch(s -> s.name().equals(name));
    }

    private List<SessionInfo> networkSessions() {
        return router.sessions().stream().filter(s -> !s.origin().equals("local")).collect(Collectors.toList());
    }

    /**
     * Bridges run on the router's shared bridge threads ({@code clasp-router-bridge-N}, {@code bridgeThreads} = 4 by
     * default), never on threads of their own: some exist while bridges run, none is named for a bridge.
     */
    private static void awaitSharedBridgeThreads() {
        Eventually.until("the router's shared bridge threads, at most 4", ROUTER_WAIT, () -> threads("clasp-router-bridge-"),
                t -> !t.isEmpty() && t.size() <= 4 && t.stream().allMatch(n -> n.matches("clasp-router-bridge-\\d+")));
    }

    private Configuration echoConfiguration(String id) throws IOException {
        // location "?": any bundle may receive it, so the bridge bundle installed later does
        Configuration c = configurationAdmin.getFactoryConfiguration(EchoBridge.PID, id, "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Bridge.ID, id);
        c.update(props);
        configurations.add(c);
        return c;
    }

    private Bundle installEcho(int build) throws Exception {
        Bundle b = context.installBundle(TestBundles.echo(build).toUri().toString());
        installed.add(b);
        return b;
    }

    private ServiceRegistration<Bridge> register(String id, Bridge bridge) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Bridge.ID, id);
        props.put(Bridge.PROTOCOL, "fake");
        ServiceRegistration<Bridge> r = context.registerService(Bridge.class, bridge, props);
        registrations.add(r);
        return r;
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    /** Live threads whose name starts with {@code prefix}. */
    private static List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .sorted()
                .collect(Collectors.toList());
    }

    private static void awaitNoThreads(String... prefixes) {
        Eventually.until("no live thread named " + Arrays.toString(prefixes) + "*", ROUTER_WAIT,
                () -> Arrays.stream(prefixes).flatMap(p -> threads(p).stream()).collect(Collectors.toList()), List::isEmpty);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static long timed(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void log(String line) {
        System.out.println("[HotSwapIT] " + line);
    }
}
