package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.FloatValue;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Principal;
import clasp.api.hook.SnapshotFilter;
import clasp.api.hook.ValueTransform;
import clasp.api.hook.WriteValidator;
import clasp.api.message.AckMessage;
import clasp.api.message.BundleMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.GetMessage;
import clasp.api.message.Message;
import clasp.api.message.ParamEntry;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.HookInfo;
import clasp.api.router.ParamState;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.hook.HookRegistry;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.LocalSessionImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Write hooks: validators veto SET, PUBLISH and bundle items (403), transforms rewrite SET values before they are
 * stored, snapshot filters trim snapshots and GET replies; ranked, called from network and local sessions, and a
 * hook that throws or runs past its budget is skipped or disabled, never stopping the write.
 */
class WriteHooksTest {
    private final ManualClock clock = new ManualClock();
    private final HookRegistry hooks = new HookRegistry();
    private final RouterCore core = new RouterCore(TestSettings.defaults().hookBudgetMillis(5).build(),
            new MemoryParamStore(), new OpenAuthoriser(), clock, Runnable::run, hooks);
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private LocalSessionImpl local() {
        LocalSessionImpl s = new LocalSessionImpl(core, "t", false, Runnable::run, LocalSessionImpl.LOG_FAILURE, () -> { });
        core.register(s);
        return s;
    }

    private TestClient client() { return new TestClient(core).hello(); }

    /** Vetoes every write to an address under /deny, recording what it was asked. */
    private final WriteValidator denyUnderDeny = (principal, action, address, value) -> {
        calls.add(principal.name() + " " + action + " " + address + " " + value);
        return address.startsWith("/deny") ? "no writes under /deny" : null;
    };

    private static ValueTransform times(double factor) {
        return (p, address, v) -> v instanceof FloatValue f ? Value.of(f.value() * factor) : v;
    }

    private static ValueTransform plus(double offset) {
        return (p, address, v) -> v instanceof FloatValue f ? Value.of(f.value() + offset) : v;
    }

    private static List<String> entries(List<Message> messages) {
        List<String> out = new ArrayList<>();
        for (Message m : messages) {
            if (m instanceof SnapshotMessage s) for (ParamEntry e : s.params()) out.add(e.address() + "=" + e.value());
            else if (m instanceof SetMessage set) out.add("SET " + set.address() + "=" + set.value());
            else out.add(m.toString());
        }
        return out;
    }

    // ---- validators

    @Test void aVetoedSetGets403WithTheReasonAndChangesNothing() {
        hooks.validators.add(1, 0, denyUnderDeny);
        TestClient watcher = client();
        watcher.send(new SubscribeMessage(1, "/**"));
        watcher.take();
        TestClient c = client();
        c.send(new SetMessage("/deny/x", Value.of(1L)));
        c.send(new SetMessage("/ok", Value.of(2L)));
        assertThat(c.take()).containsExactly(new ErrorMessage(403, "no writes under /deny", "/deny/x", null),
                new AckMessage("/ok", 1L, null, null, null));
        assertThat(entries(watcher.take())).containsExactly("SET /ok=" + Value.of(2L));
        assertThat(core.param("/deny/x")).isNull();
        assertThat(calls).containsExactly("open SET /deny/x " + Value.of(1L), "open SET /ok " + Value.of(2L));
    }

    @Test void aVetoedPublishGets403AndReachesNoSubscriberAndAPublishWithoutValueIsAskedWithNull() {
        hooks.validators.add(1, 0, denyUnderDeny);
        TestClient watcher = client();
        watcher.send(new SubscribeMessage(1, "/**"));
        watcher.take();
        TestClient c = client();
        c.send(PublishMessage.event("/deny/e", Value.of(1L)));
        c.send(PublishMessage.event("/ok/e", null));
        assertThat(c.take()).containsExactly(new ErrorMessage(403, "no writes under /deny", "/deny/e", null),
                new AckMessage("/ok/e", null, null, null, null));   // the test client confirms its PUBLISHes
        assertThat(watcher.take()).hasSize(1).allSatisfy(m -> assertThat(((PublishMessage) m).address()).isEqualTo("/ok/e"));
        assertThat(calls).containsExactly("open PUBLISH /deny/e " + Value.of(1L), "open PUBLISH /ok/e " + Value.ofNull());
    }

    @Test void oneVetoedBundleItemRejectsTheWholeBundle() {
        hooks.validators.add(1, 0, denyUnderDeny);
        TestClient c = client();
        c.send(new BundleMessage(null, List.of(new SetMessage("/ok/a", Value.of(1L)),
                PublishMessage.event("/deny/e", Value.of(2L)), new SetMessage("/ok/b", Value.of(3L)))));
        assertThat(c.take()).containsExactly(new ErrorMessage(403, "Bundle rejected: no writes under /deny", "/deny/e", null));
        assertThat(core.params("/**")).isEmpty();
        c.send(new BundleMessage(null, List.of(new SetMessage("/ok/a", Value.of(1L)))));
        assertThat(c.take()).containsExactly(new AckMessage(null, 1L, null, null, null));
    }

    @Test void theHighestRankedValidatorIsAskedFirstAndTheFirstVetoDecides() {
        hooks.validators.add(7, 0, (p, a, address, v) -> { calls.add("rank 0"); return "zero"; });
        hooks.validators.add(8, 10, (p, a, address, v) -> { calls.add("rank 10"); return null; });
        hooks.validators.add(9, 5, (p, a, address, v) -> { calls.add("rank 5"); return "five"; });
        TestClient c = client();
        c.send(new SetMessage("/x", Value.of(1L)));
        assertThat(c.take()).containsExactly(new ErrorMessage(403, "five", "/x", null));
        assertThat(calls).containsExactly("rank 10", "rank 5");
    }

    @Test void localSessionsAndTheirPrincipalPassTheSameValidators() {
        hooks.validators.add(1, 0, denyUnderDeny);
        LocalSessionImpl s = local();
        assertThatThrownBy(() -> s.set("/deny/x", Value.of(1L))).isInstanceOf(ClaspException.class)
                .hasMessage("no writes under /deny").satisfies(e -> assertThat(((ClaspException) e).code()).isEqualTo(403));
        assertThatThrownBy(() -> s.publish(PublishMessage.event("/deny/e", Value.of(1L)))).hasMessage("no writes under /deny");
        assertThat(calls).containsExactly("open SET /deny/x " + Value.of(1L), "open PUBLISH /deny/e " + Value.of(1L));
    }

    @Test void bridgesPassTheHooksRegisteredWithTheRouterComponent() throws Exception {
        RouterComponent router = new RouterComponent();
        router.hookRegistry().transforms.add(1, 0, times(2));   // registered before the router starts, as DS may bind it
        router.startStandalone(RouterSettings.defaults());
        try {
            router.hookRegistry().validators.add(2, 0, denyUnderDeny);
            List<String> refused = new CopyOnWriteArrayList<>();
            clasp.api.bridge.Bridge bridge = new clasp.api.bridge.Bridge() {
                @Override public void open(clasp.api.bridge.BridgeContext ctx) throws ClaspException {
                    ctx.session().set("/bridge/v", Value.of(1.5));
                    try {
                        ctx.session().set("/deny/bridge", Value.of(1.0));
                    } catch (ClaspException e) {
                        refused.add(e.code() + " " + e.getMessage());
                    }
                }

                @Override public void close() { }
            };
            router.plugins().addBridge(1, bridge, Map.of(clasp.api.bridge.Bridge.ID, "b1", clasp.api.bridge.Bridge.PROTOCOL,
                    "test", clasp.router.internal.plugin.PluginHost.BUNDLE, "it"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !refused.isEmpty());
            assertThat(refused).containsExactly("403 no writes under /deny");
            assertThat(router.param("/bridge/v").orElseThrow().value()).isEqualTo(Value.of(3.0));
            assertThat(router.hooks()).containsExactly(new HookInfo(2, null, "validator", 0, "", false),
                    new HookInfo(1, null, "transform", 0, "", false));
        } finally {
            router.deactivate();
        }
    }

    // ---- transforms

    @Test void aTransformedSetIsStoredBroadcastAndAcknowledgedWithItsNewValue() {
        hooks.transforms.add(1, 0, times(10));
        TestClient watcher = client();
        watcher.send(new SubscribeMessage(1, "/**"));
        watcher.take();
        TestClient c = client();
        c.send(new SetMessage("/fader", Value.of(0.5)));
        assertThat(c.take()).containsExactly(new AckMessage("/fader", 1L, null, null, null));
        assertThat(entries(watcher.take())).containsExactly("SET /fader=" + Value.of(5.0));
        assertThat(core.param("/fader").value()).isEqualTo(Value.of(5.0));
    }

    @Test void transformsAreChainedInRankOrder() throws ClaspException {
        hooks.transforms.add(1, 0, plus(1));
        hooks.transforms.add(2, 10, times(2));
        local().set("/v", Value.of(3.0));
        assertThat(core.param("/v").value()).isEqualTo(Value.of(7.0));   // (3 × 2) + 1, not (3 + 1) × 2
        hooks.transforms.add(1, 20, plus(1));   // re-ranked: now first
        local().set("/v", Value.of(3.0));
        assertThat(core.param("/v").value()).isEqualTo(Value.of(8.0));
    }

    @Test void bundleSetsAreTransformedAndPublishesAreNot() {
        hooks.transforms.add(1, 0, times(2));
        TestClient watcher = client();
        watcher.send(new SubscribeMessage(1, "/**"));
        watcher.take();
        TestClient c = client();
        c.send(new BundleMessage(null, List.of(new SetMessage("/b", Value.of(1.5)), PublishMessage.event("/e", Value.of(1.5)))));
        assertThat(c.take()).containsExactly(new AckMessage(null, 1L, null, null, null));
        List<Message> seen = watcher.take();
        assertThat(entries(seen.subList(0, 1))).containsExactly("SET /b=" + Value.of(3.0));
        assertThat(((PublishMessage) seen.get(1)).value()).isEqualTo(Value.of(1.5));
        c.send(PublishMessage.event("/e", Value.of(1.5)));
        assertThat(((PublishMessage) watcher.take().get(0)).value()).isEqualTo(Value.of(1.5));
    }

    @Test void validatorsSeeTheValueAsSentBeforeAnyTransform() {
        hooks.transforms.add(1, 0, times(100));
        hooks.validators.add(2, 0, (p, a, address, v) -> ((FloatValue) v).value() > 1 ? "over 1" : null);
        TestClient c = client();
        c.send(new SetMessage("/v", Value.of(0.5)));
        c.send(new SetMessage("/v", Value.of(2.0)));
        assertThat(c.take()).containsExactly(new AckMessage("/v", 1L, null, null, null),
                new ErrorMessage(403, "over 1", "/v", null));
        assertThat(core.param("/v").value()).isEqualTo(Value.of(50.0));
    }

    // ---- snapshot filters

    private static final SnapshotFilter HIDE_SECRETS_REDACT_NAMES = (principal, address, value) ->
            address.startsWith("/secret") ? null : address.startsWith("/name") ? Value.of("***") : value;

    @Test void filtersTrimTheSnapshotAfterWelcomeTheSubscribeSnapshotAndGetReplies() throws ClaspException {
        LocalSessionImpl writer = local();
        writer.set("/secret/key", Value.of(1L));
        writer.set("/name", Value.of("Ada"));
        writer.set("/level", Value.of(3L));
        hooks.filters.add(1, 0, HIDE_SECRETS_REDACT_NAMES);
        TestClient c = new TestClient(core);
        c.send(new clasp.api.message.HelloMessage(1, java.util.Set.of(clasp.api.Feature.PARAM), "test", null));
        assertThat(entries(c.take().subList(1, 2))).containsExactlyInAnyOrder("/name=" + Value.of("***"), "/level=" + Value.of(3L));
        c.send(new SubscribeMessage(1, "/**"));
        assertThat(entries(c.take())).containsExactlyInAnyOrder("/name=" + Value.of("***"), "/level=" + Value.of(3L));
        c.send(new GetMessage("/secret/key"));
        c.send(new GetMessage("/name"));
        assertThat(entries(c.take())).containsExactly("/name=" + Value.of("***"));   // the hidden one: no reply at all
        assertThat(writer.get("/secret/key")).isEmpty();
        assertThat(writer.get("/name").map(ParamState::value)).contains(Value.of("***"));
        // a local session's snapshot (what a bridge starts from) is trimmed alike
        assertThat(writer.params("/**")).extracting(ps -> ps.address() + "=" + ps.value())
                .containsExactlyInAnyOrder("/name=" + Value.of("***"), "/level=" + Value.of(3L));
        assertThat(writer.params("/l*")).extracting(ParamState::address).containsExactly("/level");
        assertThat(core.param("/secret/key").value()).isEqualTo(Value.of(1L));   // hidden, not removed
    }

    @Test void filtersAreGivenTheSessionsPrincipal() throws ClaspException {
        List<Principal> asked = new CopyOnWriteArrayList<>();
        hooks.filters.add(1, 0, (principal, address, value) -> { asked.add(principal); return value; });
        local().set("/p", Value.of(1L));
        client().send(new GetMessage("/p"));
        assertThat(asked).containsExactly(Principal.OPEN, Principal.OPEN);   // the initial snapshot, the GET
    }

    // ---- failures and the budget

    @Test void aHookThatThrowsIsSkippedForThatCallAndCounted() throws ClaspException {
        hooks.validators.add(1, 10, (p, a, address, v) -> { throw new IllegalStateException("broken validator"); });
        hooks.validators.add(2, 0, denyUnderDeny);
        hooks.transforms.add(3, 10, (p, address, v) -> { throw new IllegalStateException("broken transform"); });
        hooks.transforms.add(4, 0, times(2));
        hooks.filters.add(5, 0, (p, address, v) -> { throw new IllegalStateException("broken filter"); });
        LocalSessionImpl s = local();
        try (LogCapture log = new LogCapture(clasp.router.internal.hook.HookCalls.class)) {
            s.set("/v", Value.of(1.0));
            assertThatThrownBy(() -> s.set("/deny/v", Value.of(1.0))).hasMessage("no writes under /deny");
            assertThat(core.param("/v").value()).isEqualTo(Value.of(2.0));
            assertThat(s.get("/v").map(ParamState::value)).contains(Value.of(2.0));
            // each hook's first failure is logged, later ones only counted
            assertThat(log.warnings()).hasSize(3).allSatisfy(w -> assertThat(w).startsWith("clasp.router: hook ")
                    .endsWith(" and was skipped (later failures are counted as hook-failed)"));
            assertThat(String.join("\n", log.warnings())).contains("(validator, service 1) failed at /v",
                    "(transform, service 3) failed at /v", "(snapshot filter, service 5) failed at /v");
        }
        // validator twice, transform once (the vetoed SET reaches no transform), filter once
        assertThat(core.refusals().totals()).isEqualTo(Map.of("hook-failed", 4L));
    }

    /** A validator that takes {@code micros} of the router's clock per call. */
    private WriteValidator slow(long[] micros) {
        return (p, a, address, v) -> {
            calls.add("slow " + address);
            clock.advance(micros[0], TimeUnit.MICROSECONDS);
            return null;
        };
    }

    @Test void aHookPastItsBudgetThreeCallsInARowIsDisabledUntilRegisteredAgain() throws ClaspException {
        long[] takes = {5_001};   // the budget is 5 ms
        hooks.validators.add(1, 0, slow(takes));
        LocalSessionImpl s = local();
        s.set("/a", Value.of(1L));
        s.set("/b", Value.of(1L));
        takes[0] = 5_000;   // exactly the budget is within it: the run starts again
        s.set("/c", Value.of(1L));
        takes[0] = 6_000;
        s.set("/d", Value.of(1L));
        s.set("/e", Value.of(1L));
        assertThat(hooks.validators.names()).hasSize(1);
        try (LogCapture log = new LogCapture(clasp.router.internal.hook.HookCalls.class)) {
            s.set("/f", Value.of(1L));   // the third in a row: still asked, its answer still counts, then disabled
            s.set("/g", Value.of(1L));
            assertThat(log.warnings()).hasSize(1).allSatisfy(w -> assertThat(w).contains("(validator, service 1) disabled: "
                    + "3 calls in a row took longer than its budget of 5000 µs (the last 6000 µs); register its service again"));
        }
        assertThat(calls).containsExactly("slow /a", "slow /b", "slow /c", "slow /d", "slow /e", "slow /f");
        assertThat(hooks.validators.names()).isEmpty();
        assertThat(hooks.validators.disabledNames()).hasSize(1).allSatisfy(n -> assertThat(n).contains("validator, service 1"));
        assertThat(hooks.info()).containsExactly(new HookInfo(1, null, "validator", 0, "", true));   // Router.hooks()
        assertThat(core.refusals().totals()).isEqualTo(Map.of("hook-disabled", 1L));
        assertThat(core.params("/**")).hasSize(7);   // every write went through
        hooks.validators.add(1, 0, slow(takes));   // registered again (or its properties changed)
        s.set("/h", Value.of(1L));
        assertThat(calls).endsWith("slow /h");
        assertThat(hooks.validators.disabledNames()).isEmpty();
        assertThat(hooks.info()).containsExactly(new HookInfo(1, null, "validator", 0, "", false));
    }

    @Test void aBudgetOfZeroNeverDisables() throws ClaspException {
        core.reconfigure(TestSettings.defaults().hookBudgetMillis(0).build());
        long[] takes = {1_000_000};
        hooks.validators.add(1, 0, slow(takes));
        LocalSessionImpl s = local();
        for (int i = 0; i < 5; i++) s.set("/v", Value.of(i));
        assertThat(calls).hasSize(5);
        assertThat(hooks.validators.names()).hasSize(1);
    }

    @Test void anUnregisteredHookIsNoLongerCalled() throws ClaspException {
        hooks.transforms.add(1, 0, times(2));
        LocalSessionImpl s = local();
        s.set("/v", Value.of(1.0));
        hooks.transforms.remove(1);
        s.set("/v", Value.of(1.0));
        assertThat(core.param("/v").value()).isEqualTo(Value.of(1.0));
    }

    @Test void hooksAddedAndRemovedWhileWritersRunNeverLoseAStandingHookOrAWrite() throws Exception {
        hooks.transforms.add(1, 0, times(2));   // stays registered throughout
        WriteValidator passes = (p, a, address, v) -> null;
        ValueTransform same = (p, address, v) -> v;
        try (Watchdog watchdog = new Watchdog()) {
            for (int round = 1; round <= 30; round++) {
                List<java.util.concurrent.Callable<?>> tasks = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    String address = "/w" + w;
                    LocalSessionImpl s = local();
                    tasks.add(() -> {
                        for (int i = 0; i < 200; i++) s.set(address, Value.of((double) i));
                        return null;
                    });
                }
                for (int c = 0; c < 2; c++) {
                    long id = 2 + 2 * c;   // two registrars at once, each with its own services
                    tasks.add(() -> {
                        for (int i = 0; i < 200; i++) {
                            hooks.validators.add(id, i % 3, passes);
                            hooks.transforms.add(id + 1, i % 2 == 0 ? 10 : -10, same);
                            hooks.validators.remove(id);
                            hooks.transforms.remove(id + 1);
                        }
                        return null;
                    });
                }
                watchdog.round(tasks);
                assertThat(hooks.transforms.names()).hasSize(1);   // every removal stuck, the standing hook stayed
                assertThat(hooks.validators.names()).isEmpty();
                for (int w = 0; w < 3; w++) {
                    ParamState p = core.param("/w" + w);
                    assertThat(p.value()).isEqualTo(Value.of(398.0));   // the last SET, 199, through the standing ×2
                    assertThat(p.revision()).isEqualTo(200L * round);
                }
            }
        }
    }

    @Test void withNoHooksPublishesAndSetsAreUnchanged() {
        TestClient watcher = client();
        watcher.send(new SubscribeMessage(1, "/**", java.util.Set.of(SignalType.EVENT, SignalType.PARAM), null));
        watcher.take();
        TestClient c = client();
        c.send(new SetMessage("/v", Value.of(0.25)));
        c.send(PublishMessage.event("/e", Value.of(0.25)));
        assertThat(entries(watcher.take())).hasSize(2).first().isEqualTo("SET /v=" + Value.of(0.25));
    }
}
