package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Authoriser;
import clasp.api.auth.Principal;
import clasp.api.bridge.Bridge;
import clasp.api.bridge.BridgeContext;
import clasp.api.message.*;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.router.internal.plugin.PluginHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Authoriser SPI: asked once per request from every entry path, with the session's principal; a refusal gives the reference errors. */
class AuthoriserTest extends RouterTestSupport {
    record Call(Principal principal, Action action, String address) { }

    /** Records every question; refuses addresses under /deny, and whole bundles when told to. */
    static final class Recording implements Authoriser {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        volatile boolean refuseBundles;

        @Override public boolean allows(Principal principal, Action action, String address) {
            calls.add(new Call(principal, action, address));
            if (action == Action.BUNDLE) return !refuseBundles;
            return !address.startsWith("/deny");
        }
    }

    private final Recording auth = new Recording();

    @BeforeEach void useRecording() { router.bindAuthoriser(auth); }

    private static Call open(Action a, String address) { return new Call(Principal.OPEN, a, address); }

    private static SignalDefinition def(String address) { return new SignalDefinition(address, SignalType.EVENT, null, null, null); }

    @Test void everyNetworkRequestIsAskedOnceWithItsActionAndTheSessionsPrincipal() {
        TestClient c = client();
        c.send(new SetMessage("/ok/p", Value.of(1L)));
        c.send(PublishMessage.event("/ok/e", Value.of(1L)));
        c.send(new SubscribeMessage(1, "/ok/**"));
        c.send(new GetMessage("/ok/p"));
        c.send(new QueryMessage("/ok/*"));
        c.send(new AnnounceMessage("/ok", List.of(def("/ok/s"))));
        c.send(new BundleMessage(null, List.of(new SetMessage("/ok/b", Value.of(2L)), PublishMessage.event("/ok/c", Value.of(3L)))));
        c.send(PingMessage.INSTANCE);
        assertThat(auth.calls).containsExactly(open(Action.SET, "/ok/p"), open(Action.PUBLISH, "/ok/e"),
                open(Action.SUBSCRIBE, "/ok/**"), open(Action.GET, "/ok/p"), open(Action.QUERY, "/ok/*"),
                open(Action.ANNOUNCE, "/ok"), open(Action.BUNDLE, null), open(Action.SET, "/ok/b"),
                open(Action.PUBLISH, "/ok/c"));
    }

    @Test void inOpenModeAConnectionWithAPeerIdentityActsAsAPrincipalOfThatNameWithEveryScope() {
        TestClient c = connect();
        c.conn.peerIdentity = "mqtt:sensor-7";
        c.hello();
        c.send(new SetMessage("/ok/p", Value.of(1L)));
        Principal named = new Principal("mqtt:sensor-7", Set.of(Principal.ALL));
        assertThat(auth.calls).containsExactly(new Call(named, Action.SET, "/ok/p"));
        assertThat(router.sessions()).singleElement().satisfies(info -> assertThat(info.peerIdentity()).isEqualTo("mqtt:sensor-7"));
    }

    @Test void aRefusalGivesTheReferenceErrorsOnTheNetworkPathAndChangesNothing() {
        TestClient c = client();
        c.send(new SetMessage("/deny/x", Value.of(1L)));
        c.send(PublishMessage.event("/deny/x", Value.of(1L)));
        c.send(new GetMessage("/deny/x"));
        c.send(new SubscribeMessage(1, "/deny/**"));
        c.send(new QueryMessage("/deny/*"));
        c.send(new AnnounceMessage("/deny", List.of(def("/deny/s"))));
        c.send(new BundleMessage(null, List.of(new SetMessage("/ok", Value.of(1L)), new SetMessage("/deny/y", Value.of(1L)))));
        c.send(new BundleMessage(null, List.of(PublishMessage.event("/deny/z", Value.of(1L)))));
        assertThat(c.take()).containsExactly(
                new ErrorMessage(301, "Insufficient scope for write operation", "/deny/x", null),
                new ErrorMessage(301, "Insufficient scope for publish operation", "/deny/x", null),
                new ErrorMessage(301, "Insufficient scope for read operation", "/deny/x", null),
                new ErrorMessage(301, "Insufficient scope for subscription", "/deny/**", null),
                new ErrorMessage(301, "Insufficient scope for query operation", "/deny/*", null),
                new ErrorMessage(301, "Insufficient scope for announce operation", "/deny", null),
                new ErrorMessage(403, "Bundle rejected: insufficient scope for SET to /deny/y", "/deny/y", null),
                new ErrorMessage(403, "Bundle rejected: insufficient scope for PUBLISH to /deny/z", "/deny/z", null));
        assertThat(router.params("/**")).isEmpty();   // not even the bundle's allowed item
        auth.refuseBundles = true;
        c.send(new BundleMessage(null, List.of(new SetMessage("/ok", Value.of(1L)))));
        assertThat(c.take()).containsExactly(new ErrorMessage(403, "Bundle rejected: insufficient scope", null, null));
        assertThat(router.params("/**")).isEmpty();
    }

    @Test void localSessionsAskTheSameAuthoriserAsALocalPrincipalWithEveryScope() {
        try (LocalSession local = router.openSession("shell", false)) {
            assertRefused(() -> local.set("/deny/x", Value.of(1L)), "Insufficient scope for write operation");
            assertRefused(() -> local.get("/deny/x"), "Insufficient scope for read operation");
            assertRefused(() -> local.publish(PublishMessage.event("/deny/x", Value.of(1L))), "Insufficient scope for publish operation");
            assertRefused(() -> local.subscribe("/deny/**", Set.of(), m -> { }), "Insufficient scope for subscription");
            assertRefused(() -> local.params("/deny/**"), "Insufficient scope for subscription");
        }
        Principal shell = new Principal("local:shell", Principal.EVERYTHING);
        assertThat(auth.calls).containsExactly(new Call(shell, Action.SET, "/deny/x"), new Call(shell, Action.GET, "/deny/x"),
                new Call(shell, Action.PUBLISH, "/deny/x"), new Call(shell, Action.SUBSCRIBE, "/deny/**"),
                new Call(shell, Action.SUBSCRIBE, "/deny/**"));
    }

    @Test void aLocalSessionOpenedWithScopesActsForThem() {
        try (LocalSession local = router.openSession("scene", false, Set.of("write:/ok/**"))) {
            assertRefused(() -> local.set("/deny/x", Value.of(1L)), "Insufficient scope for write operation");
        }
        assertThat(auth.calls).containsExactly(new Call(new Principal("local:scene", Set.of("write:/ok/**")), Action.SET, "/deny/x"));
    }

    @Test void bridgesAskTheSameAuthoriser() {
        List<String> refusals = new CopyOnWriteArrayList<>();
        Bridge bridge = new Bridge() {
            @Override public void open(BridgeContext ctx) {
                try {
                    ctx.session().set("/deny/bridge", Value.of(1L));
                } catch (ClaspException e) {
                    refusals.add(e.code() + " " + e.getMessage());
                }
            }

            @Override public void close() { }
        };
        router.plugins().addBridge(1, bridge, Map.of(Bridge.ID, "b1", Bridge.PROTOCOL, "test", PluginHost.BUNDLE, "it"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !refusals.isEmpty());
        assertThat(refusals).containsExactly("301 Insufficient scope for write operation");
        // No scopes configured: the bridge acts as bridge:<id> with every scope.
        assertThat(auth.calls).contains(new Call(new Principal("bridge:b1", Principal.EVERYTHING), Action.SET, "/deny/bridge"));
    }

    @Test void aBridgesSessionCarriesTheScopesItsConfigurationGrants() {
        List<String> done = new CopyOnWriteArrayList<>();
        Bridge bridge = new Bridge() {
            @Override public void open(BridgeContext ctx) throws ClaspException {
                ctx.session().subscribe("/mqtt/**", Set.of(), m -> { });
                ctx.session().set("/mqtt/a", Value.of(1L));
                ctx.session().publish(PublishMessage.event("/mqtt/e", Value.of(2L)));
                done.add("open");
            }

            @Override public void close() { }
        };
        router.plugins().addBridge(2, bridge, Map.of(Bridge.ID, "m1", Bridge.PROTOCOL, "mqtt", PluginHost.BUNDLE, "it",
                Bridge.SCOPES, new String[] {"write:/mqtt/**", "read:/mqtt/**"}));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !done.isEmpty());
        Principal expected = new Principal("bridge:m1", Set.of("write:/mqtt/**", "read:/mqtt/**"));
        assertThat(auth.calls).containsExactly(new Call(expected, Action.SUBSCRIBE, "/mqtt/**"),
                new Call(expected, Action.SET, "/mqtt/a"), new Call(expected, Action.PUBLISH, "/mqtt/e"));
    }

    @Test void bridgeScopesMayBeOneStringAsAConfigurationFileHoldsThem() {
        assertThat(PluginHost.scopes("write:/mqtt/**, read:/mqtt/**")).containsExactly("write:/mqtt/**", "read:/mqtt/**");
        assertThat(PluginHost.scopes(List.of("read:/a/**"))).containsExactly("read:/a/**");
        assertThat(PluginHost.scopes(new String[0])).containsExactlyInAnyOrderElementsOf(Principal.EVERYTHING);
        assertThat(PluginHost.scopes(null)).containsExactlyInAnyOrderElementsOf(Principal.EVERYTHING);
    }

    @Test void anAuthoriserThatThrowsRefuses() {
        router.bindAuthoriser((p, a, address) -> { throw new IllegalStateException("broken"); });
        TestClient c = client();
        c.send(new SetMessage("/x", Value.of(1L)));
        assertThat(c.take()).containsExactly(new ErrorMessage(301, "Insufficient scope for write operation", "/x", null));
    }

    private interface Call0 { void run() throws Exception; }

    private static void assertRefused(Call0 call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(ClaspException.class).hasMessage(message)
                .extracting(e -> ((ClaspException) e).code()).isEqualTo(301);
    }
}
