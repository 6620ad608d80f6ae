package clasp.adapter.osc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Authoriser;
import clasp.api.auth.Principal;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.SessionInfo;
import clasp.osc.OscArgument;
import clasp.osc.OscBundle;
import clasp.osc.OscMessage;
import clasp.osc.OscTimetag;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The adapter with the real router, driven by liblo's oscsend and oscdump and by OSC peers on UDP sockets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OscAdapterTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void oscsendMessagesBecomeSetsUnderTheNamespaceFromASessionNamedAfterThePeer() throws Exception {
        try (TestRouter r = new TestRouter()) {
            Liblo.oscsend(r.port(), "/synth/cutoff", "f", "0.5");
            Liblo.oscsend(r.port(), "/color", "iii", "255", "0", "128");
            Liblo.oscsend(r.port(), "/cue/go", "");
            Liblo.oscsend(r.port(), "/a", "T");
            Liblo.oscsend(r.port(), "/mix", "hdsc", "5000000000", "2.25", "hello", "x");
            await().atMost(PATIENCE).until(() -> r.value("/osc/mix") != null);
            assertThat(r.value("/osc/synth/cutoff")).isEqualTo(Value.of(0.5));
            assertThat(r.value("/osc/color")).isEqualTo(Value.of(List.of(Value.of(255), Value.of(0), Value.of(128))));
            assertThat(r.value("/osc/cue/go")).isEqualTo(Value.ofNull());
            assertThat(r.value("/osc/a")).isEqualTo(Value.of(true));
            assertThat(r.value("/osc/mix")).isEqualTo(Value.of(List.of(Value.of(5_000_000_000L), Value.of(2.25),
                    Value.of("hello"), Value.of("x"))));
            // Each oscsend sends from a port of its own: five peers, each a session named osc:<ip:port>.
            assertThat(r.oscSessions()).hasSize(5).allSatisfy(s -> {
                assertThat(s.name()).matches("osc:127\\.0\\.0\\.1:\\d+");
                assertThat(s.peerIdentity()).isEqualTo(s.name());
                assertThat(s.origin()).startsWith(s.name().substring(4));
            });
        }
    }

    @Test
    void aClaspSetReachesOscdumpAtAConfiguredDestinationWithTheMappedTypeTags() throws Exception {
        int dumpPort = Liblo.freePort();
        try (TestRouter r = new TestRouter("destinations", new String[] {"127.0.0.1:" + dumpPort + "/desk/**"});
             Liblo.Dump dump = new Liblo.Dump(dumpPort)) {
            // oscdump binds when it is ready: probe until it prints.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                r.set("/osc/desk/probe", Value.of(0));
                return !dump.lines.isEmpty();
            });
            r.set("/osc/desk/fader/1", Value.of(7));
            r.set("/osc/desk/big", Value.of(5_000_000_000L));
            r.set("/osc/desk/level", Value.of(0.5));
            r.set("/osc/desk/name", Value.of("Main"));
            r.set("/osc/desk/on", Value.of(true));
            r.set("/osc/desk/rgb", Value.of(List.of(Value.of(1), Value.of(2.5), Value.of(List.of(Value.of("x"), Value.of(false))))));
            r.set("/osc/desk/obj", Value.of(Map.of("a", Value.of(1))));
            r.set("/osc/desk/none", Value.ofNull());
            r.set("/osc/other/x", Value.of(1));   // not under the destination's pattern
            r.set("/osc/desk/last", Value.of(1));
            await().atMost(PATIENCE).until(() -> dump.lines.stream().anyMatch(l -> l.startsWith("/desk/last ")));
            assertThat(dump.lines.stream().filter(l -> !l.startsWith("/desk/probe ")).toList()).containsExactly(
                    "/desk/fader/1 i 7",
                    "/desk/big h 5000000000",
                    "/desk/level f 0.500000",
                    "/desk/name s \"Main\"",
                    "/desk/on T #T",
                    "/desk/rgb ifsF 1 2.500000 \"x\" #F",
                    "/desk/obj s \"{\"a\":1}\"",
                    "/desk/none ",
                    "/desk/last i 1");
            assertThat(r.oscSessions()).extracting(SessionInfo::name).containsExactly("osc:127.0.0.1:" + dumpPort);
        }
    }

    @Test
    void aDestinationNeverIdlesAndItsSessionComesBackWhenTheRouterEndsIt() throws Exception {
        try (UdpOscPeer listener = new UdpOscPeer(1);
             TestRouter r = new TestRouter("peerIdleSeconds", 1, "destinations", new String[] {listener.address() + "/desk/*"})) {
            await().atMost(PATIENCE).until(() -> r.oscSessions().size() == 1);
            String first = r.oscSessions().get(0).id();
            assertThat(r.oscSessions().get(0).name()).isEqualTo("osc:" + listener.address());
            assertThat(r.router.closeSession(first, "test")).isTrue();
            await().atMost(PATIENCE).until(() -> r.oscSessions().size() == 1 && !r.oscSessions().get(0).id().equals(first));
            Thread.sleep(1_500);   // longer than peerIdleSeconds: a destination is not idle
            assertThat(r.oscSessions()).singleElement().satisfies(s -> assertThat(s.subscriptions()).isEqualTo(1));
            r.set("/osc/desk/x", Value.of(1));
            assertThat(listener.receive(30_000)).isEqualTo(new OscMessage("/desk/x", new OscArgument.Int32(1)));
        }
    }

    @Test
    void aPeerSubscribesAndUnsubscribesRelativeToTheNamespaceAndGetsItsOwnSetsBack() throws Exception {
        try (TestRouter r = new TestRouter(); UdpOscPeer peer = new UdpOscPeer(r.port())) {
            r.set("/osc/mixer/1", Value.of(0.25));
            peer.send(new OscMessage("/clasp/subscribe", new OscArgument.Text("/mixer/**")));
            // The subscription's snapshot: the current value first.
            assertThat(peer.receive(30_000)).isEqualTo(new OscMessage("/mixer/1", new OscArgument.Float32(0.25f)));
            r.set("/osc/mixer/2", Value.of(3));
            assertThat(peer.receive(30_000)).isEqualTo(new OscMessage("/mixer/2", new OscArgument.Int32(3)));
            r.set("/osc/other", Value.of(3));   // outside the pattern: not sent
            // A SET comes back to its subscribed writer, as to every CLASP client (router rule).
            peer.send(new OscMessage("/mixer/3", new OscArgument.Text("mine")));
            assertThat(peer.receive(30_000)).isEqualTo(new OscMessage("/mixer/3", new OscArgument.Text("mine")));
            peer.send(new OscMessage("/clasp/unsubscribe", new OscArgument.Text("/mixer/**")));
            await().atMost(PATIENCE).until(() -> r.oscSessions().get(0).subscriptions() == 0);
            peer.send(new OscMessage("/clasp/subscribe", new OscArgument.Text("/probe")));
            await().atMost(PATIENCE).until(() -> r.oscSessions().get(0).subscriptions() == 1);
            r.set("/osc/mixer/2", Value.of(4));
            r.set("/osc/probe", Value.of(1));
            assertThat(peer.receive(30_000)).isEqualTo(new OscMessage("/probe", new OscArgument.Int32(1)));
            assertThat(r.oscSessions()).singleElement().satisfies(s -> assertThat(s.subscriptions()).isEqualTo(1));
        }
    }

    @Test
    void autoSubscribeSendsEverythingUnderTheNamespaceToANewPeer() throws Exception {
        try (TestRouter r = new TestRouter("autoSubscribe", true, "namespace", "/show");
             UdpOscPeer peer = new UdpOscPeer(r.port())) {
            peer.send(new OscMessage("/hello", new OscArgument.Int32(1)));
            assertThat(peer.receive(30_000)).isEqualTo(new OscMessage("/hello", new OscArgument.Int32(1)));   // its own, echoed
            r.set("/show/lights/1", Value.of(0.75));
            assertThat(peer.receive(30_000)).isEqualTo(new OscMessage("/lights/1", new OscArgument.Float32(0.75f)));
            assertThat(r.value("/show/hello")).isEqualTo(Value.of(1));
        }
    }

    @Test
    void eventAddressesBecomeEventsThatAreNotStored() throws Exception {
        try (TestRouter r = new TestRouter("eventAddresses", new String[] {"/cue/**"})) {
            List<Message> got = r.subscribe("/osc/**");
            Liblo.oscsend(r.port(), "/cue/go", "");
            Liblo.oscsend(r.port(), "/cue/fire", "i", "3");
            Liblo.oscsend(r.port(), "/fader", "f", "1");
            await().atMost(PATIENCE).until(() -> got.size() == 3);
            assertThat(got).containsExactly(PublishMessage.event("/osc/cue/go", Value.ofNull()),
                    PublishMessage.event("/osc/cue/fire", Value.of(3)), got.get(2));
            assertThat(got.get(2)).isInstanceOf(SetMessage.class);
            assertThat(r.value("/osc/cue/go")).isNull();
            assertThat(r.value("/osc/fader")).isEqualTo(Value.of(1.0));
        }
    }

    @Test
    void aBundleIsAppliedTogetherAndAFutureTimetagAtItsTime() throws Exception {
        try (TestRouter r = new TestRouter(); UdpOscPeer peer = new UdpOscPeer(r.port())) {
            List<Message> got = r.subscribe("/osc/**");
            List<Long> arrivedMicros = new CopyOnWriteArrayList<>();
            r.clasp("clock").subscribe("/osc/late/**", java.util.Set.of(), m -> arrivedMicros.add(UnixMicros.now()));
            peer.send(new OscBundle(OscTimetag.IMMEDIATELY, new OscMessage("/x", new OscArgument.Float32(1)),
                    new OscMessage("/y", new OscArgument.Float32(0))));
            await().atMost(PATIENCE).until(() -> got.size() == 2);
            assertThat(got).extracting(m -> ((SetMessage) m).address()).containsExactly("/osc/x", "/osc/y");

            long at = UnixMicros.now() + 400_000;
            // Nested: the inner bundle's timetag is the latest, so the whole runs then.
            peer.send(new OscBundle(OscTimetag.ofUnixMicros(at - 200_000), new OscMessage("/late/a", new OscArgument.Int32(1)),
                    new OscBundle(OscTimetag.ofUnixMicros(at), new OscMessage("/late/b", new OscArgument.Int32(2)))));
            await().atMost(PATIENCE).until(() -> arrivedMicros.size() == 2);
            assertThat(arrivedMicros).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(at));
            System.out.printf("OSC bundle with a future timetag: applied %d µs after its time%n", arrivedMicros.get(0) - at);
            assertThat(r.value("/osc/late/a")).isEqualTo(Value.of(1));
            assertThat(r.value("/osc/late/b")).isEqualTo(Value.of(2));

            peer.send(new OscBundle(OscTimetag.ofUnixMicros(UnixMicros.now() - 1_000_000), new OscMessage("/past", new OscArgument.Int32(5))));
            await().atMost(PATIENCE).until(() -> Value.of(5).equals(r.value("/osc/past")));
        }
    }

    @Test
    void malformedDatagramsAndAddressPatternsAreCountedAndOnlyTheyAreDropped() throws Exception {
        try (TestRouter r = new TestRouter(); UdpOscPeer peer = new UdpOscPeer(r.port())) {
            peer.sendRaw(new byte[] {1, 2, 3});   // opens no session
            await().atMost(PATIENCE).until(() -> r.transport.refused(OscRefusal.MALFORMED) == 1);
            assertThat(r.oscSessions()).isEmpty();
            peer.send(new OscMessage("/ok", new OscArgument.Int32(1)));
            peer.sendRaw(new byte[] {'/', 'a', 0, 0, ',', 'i', 0, 0, 0, 0});   // an int32 cut short
            peer.send(new OscMessage("/fader/*", new OscArgument.Int32(1)));
            peer.send(new OscBundle(OscTimetag.IMMEDIATELY, new OscMessage("/b1", new OscArgument.Int32(1)),
                    new OscMessage("/b{1,2}", new OscArgument.Int32(2))));
            peer.send(new OscMessage("/clasp/subscribe", new OscArgument.Int32(3)));
            peer.send(new OscMessage("/ok2", new OscArgument.Int32(2)));
            await().atMost(PATIENCE).until(() -> r.value("/osc/ok2") != null);
            assertThat(r.transport.refused(OscRefusal.MALFORMED)).isEqualTo(2);
            assertThat(r.transport.refused(OscRefusal.BAD_ADDRESS)).isEqualTo(2);
            assertThat(r.transport.refused(OscRefusal.BAD_REQUEST)).isEqualTo(1);
            assertThat(r.value("/osc/ok")).isEqualTo(Value.of(1));
            assertThat(r.value("/osc/b1")).isNull();   // the bundle is all or nothing
            assertThat(r.router.params("/**")).hasSize(2);
            assertThat(r.oscSessions()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("osc:" + peer.address()));
        }
    }

    @Test
    void anIdlePeersSessionEndsAndItsNextDatagramOpensANewOne() throws Exception {
        try (TestRouter r = new TestRouter("peerIdleSeconds", 1); UdpOscPeer peer = new UdpOscPeer(r.port())) {
            peer.send(new OscMessage("/a", new OscArgument.Int32(1)));
            await().atMost(PATIENCE).until(() -> r.oscSessions().size() == 1);
            String first = r.oscSessions().get(0).id();
            await().atMost(PATIENCE).until(() -> r.oscSessions().isEmpty());
            assertThat(r.transport.peerCount()).isZero();
            peer.send(new OscMessage("/a", new OscArgument.Int32(2)));
            await().atMost(PATIENCE).until(() -> r.oscSessions().size() == 1);
            assertThat(r.oscSessions().get(0).id()).isNotEqualTo(first);
            assertThat(r.value("/osc/a")).isEqualTo(Value.of(2));
        }
    }

    @Test
    void pastMaxPeersANewPeerIsDroppedUntilASessionEnds() throws Exception {
        try (TestRouter r = new TestRouter("maxPeers", 1, "peerIdleSeconds", 1);
             UdpOscPeer first = new UdpOscPeer(r.port()); UdpOscPeer second = new UdpOscPeer(r.port())) {
            first.send(new OscMessage("/first", new OscArgument.Int32(1)));
            await().atMost(PATIENCE).until(() -> r.value("/osc/first") != null);
            second.send(new OscMessage("/second", new OscArgument.Int32(1)));
            await().atMost(PATIENCE).until(() -> r.transport.refused(OscRefusal.PEERS_FULL) == 1);
            assertThat(r.value("/osc/second")).isNull();
            assertThat(r.oscSessions()).extracting(SessionInfo::name).containsExactly("osc:" + first.address());
            await().atMost(PATIENCE).until(() -> r.oscSessions().isEmpty());   // the first went idle
            second.send(new OscMessage("/second", new OscArgument.Int32(2)));
            await().atMost(PATIENCE).until(() -> Value.of(2).equals(r.value("/osc/second")));
        }
    }

    @Test
    void eachPeerIsAPrincipalNamedAfterItsAddressAndPassesTheAuthoriser() throws Exception {
        record Call(Principal principal, Action action, String address) {
        }
        List<Call> calls = new CopyOnWriteArrayList<>();
        Authoriser denying = (principal, action, address) -> {
            calls.add(new Call(principal, action, address));
            return address == null || !address.startsWith("/osc/deny");
        };
        try (TestRouter r = new TestRouter(); UdpOscPeer peer = new UdpOscPeer(r.port())) {
            Method bind = r.router.getClass().getDeclaredMethod("bindAuthoriser", Authoriser.class);
            bind.setAccessible(true);
            bind.invoke(r.router, denying);
            peer.send(new OscMessage("/deny/x", new OscArgument.Int32(1)));
            peer.send(new OscMessage("/clasp/subscribe", new OscArgument.Text("/deny/**")));
            peer.send(new OscMessage("/ok/x", new OscArgument.Int32(1)));
            await().atMost(PATIENCE).until(() -> r.value("/osc/ok/x") != null);
            await().atMost(PATIENCE).until(() -> r.transport.refused(OscRefusal.ROUTER_REFUSED) == 2);
            assertThat(r.value("/osc/deny/x")).isNull();
            Principal principal = new Principal("osc:" + peer.address(), java.util.Set.of(Principal.ALL));
            assertThat(calls).contains(new Call(principal, Action.SET, "/osc/deny/x"),
                    new Call(principal, Action.SUBSCRIBE, "/osc/deny/**"), new Call(principal, Action.SET, "/osc/ok/x"));
        }
    }
}
