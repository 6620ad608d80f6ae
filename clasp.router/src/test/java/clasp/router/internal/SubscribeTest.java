package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** router-semantics §4.1–4.3 at the router (validation, M1 delivery vs M2 snapshot) and §5 subscriptions. */
class SubscribeTest extends RouterTestSupport {
    private static SetMessage set(String address, long v) { return new SetMessage(address, Value.of(v)); }

    /** A timeline PUBLISH carries no value here: a value would have to be a valid timeline definition. */
    private static PublishMessage publish(String address, SignalType type) {
        return new PublishMessage(address, type, type == SignalType.TIMELINE ? null : Value.of(1L), null, null, null,
                GesturePhase.START, null);
    }

    @Test void subscribeIsNeverAckedAndSnapshotsOnlyWhatAlreadyMatches() {
        TestClient w = client();
        TestClient c = client();
        c.hex("53 41 00 0E 10 00 00 00 01 00 05 2F 61 2F 2A 2A FF 00");   // A.2: SUBSCRIBE id 1 "/a/**" all types
        assertThat(c.take()).isEmpty();
        w.send(set("/a/b", 1));
        assertThat(c.take()).containsExactly(new SetMessage("/a/b", Value.of(1L), 1L));
        c.send(new SubscribeMessage(2, "/a/*"));
        List<Message> m = c.take();
        assertThat(m).singleElement().isInstanceOf(SnapshotMessage.class);
        assertThat(((SnapshotMessage) m.get(0)).params()).extracting(ParamEntry::address, ParamEntry::revision, ParamEntry::writer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/a/b", 1L, w.session));
    }

    @Test void theTypeFilterDoesNotRestrictTheSnapshot() {
        TestClient w = client();
        w.send(set("/t/p", 1));
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/t/**", Set.of(SignalType.EVENT), null));
        assertThat(c.take()).singleElement().isInstanceOf(SnapshotMessage.class);
        w.send(set("/t/p", 2));
        assertThat(c.take()).isEmpty();   // but later SETs are params, not events
    }

    @Test void typeFiltersSelectBySignalAndSetsCountAsParam() {
        TestClient w = client();
        TestClient params = client();
        TestClient streams = client();
        TestClient none = client();
        TestClient zero = client();
        params.send(new SubscribeMessage(1, "/**", Set.of(SignalType.PARAM), null));
        streams.send(new SubscribeMessage(1, "/**", Set.of(SignalType.STREAM, SignalType.TIMELINE), null));
        none.send(new SubscribeMessage(1, "/**"));                                    // mask 0xFF
        zero.hex("53 41 00 0C 10 00 00 00 01 00 03 2F 2A 2A 00 00");                 // mask 0x00: all types too
        w.send(set("/x", 1));
        for (SignalType t : SignalType.values()) w.send(publish("/x", t));
        SetMessage echo = new SetMessage("/x", Value.of(1L), 1L);
        assertThat(params.take()).containsExactly(echo, publish("/x", SignalType.PARAM));
        assertThat(streams.take()).containsExactly(publish("/x", SignalType.STREAM), publish("/x", SignalType.TIMELINE));
        for (TestClient all : List.of(none, zero)) {
            assertThat(all.take()).containsExactly(echo, publish("/x", SignalType.PARAM), publish("/x", SignalType.EVENT),
                    publish("/x", SignalType.STREAM), publish("/x", SignalType.GESTURE), publish("/x", SignalType.TIMELINE));
        }
    }

    @Test void invalidPatternsGet202WithTheAddressError() {
        TestClient c = client();
        for (String p : List.of("", "lights", "/a//b", "//a")) c.send(new SubscribeMessage(1, p));
        assertThat(c.take()).containsExactly(
                new ErrorMessage(202, "invalid address: empty address", "", null),
                new ErrorMessage(202, "invalid address: address must start with '/': lights", "lights", null),
                new ErrorMessage(202, "invalid address: empty segment in address: /a//b", "/a//b", null),
                new ErrorMessage(202, "invalid address: empty segment in address: //a", "//a", null));
        for (String p : List.of("/", "/a/", "/ü/*/..", "/a/{b,c}")) c.send(new SubscribeMessage(2, p));
        assertThat(c.take()).isEmpty();
    }

    @Test void atTheLimitEvenAReusedIdIsRefusedAndBelowItReuseDoesNotCount() {
        restart(TestSettings.defaults().maxSubscriptionsPerSession(3));
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/1"));
        c.send(new SubscribeMessage(2, "/2"));
        c.send(new SubscribeMessage(2, "/2b"));   // reuse below the limit: still 2
        c.send(new SubscribeMessage(3, "/3"));
        c.send(new SubscribeMessage(3, "/3b"));   // at the limit: refused although the id exists
        c.send(new SubscribeMessage(4, "/4"));
        ErrorMessage limit = new ErrorMessage(429, "Subscription limit reached (max 3)", null, null);
        assertThat(c.take()).containsExactly(new ErrorMessage(429, limit.message(), "/3b", null),
                new ErrorMessage(429, limit.message(), "/4", null));
        c.send(new UnsubscribeMessage(1));
        c.send(new SubscribeMessage(4, "/4"));
        assertThat(c.take()).isEmpty();
    }

    @Test void theDefaultLimitIs1000Subscriptions() {
        TestClient c = client();
        for (int i = 0; i < 1000; i++) c.send(new SubscribeMessage(i, "/s/" + i));
        assertThat(c.take()).isEmpty();
        c.send(new SubscribeMessage(7, "/again"));
        assertThat(c.take()).containsExactly(new ErrorMessage(429, "Subscription limit reached (max 1000)", "/again", null));
    }

    @Test void resubscribingAnIdReplacesTheSubscriptionWhole() {
        TestClient w = client();
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/a/**"));
        c.send(new SubscribeMessage(1, "/b/**"));
        w.send(set("/a/x", 1));
        w.send(set("/b/x", 1));
        assertThat(c.take()).containsExactly(new SetMessage("/b/x", Value.of(1L), 1L));
        c.send(new UnsubscribeMessage(1));
        w.send(set("/a/x", 2));
        w.send(set("/b/x", 2));
        assertThat(c.take()).isEmpty();
    }

    @Test void unsubscribeStopsDeliveryAndIsNeverAnswered() {
        TestClient w = client();
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/u"));
        c.send(new SubscribeMessage(2, "/v"));
        c.send(new UnsubscribeMessage(1));
        c.send(new UnsubscribeMessage(99));   // unknown: no effect
        c.hex("53 41 00 05 11 00 00 00 02");   // UNSUBSCRIBE id 2
        assertThat(c.take()).isEmpty();
        w.send(set("/u", 1));
        w.send(set("/v", 1));
        assertThat(c.take()).isEmpty();
    }

    @Test void aSessionGetsAMessageOnceHoweverManySubscriptionsMatch() {
        TestClient w = client();
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/m/**"));
        c.send(new SubscribeMessage(2, "/m/*"));
        c.send(new SubscribeMessage(3, "/**"));
        w.send(set("/m/x", 1));
        w.send(PublishMessage.event("/m/x", Value.of(2L)));
        assertThat(c.take()).containsExactly(new SetMessage("/m/x", Value.of(1L), 1L), PublishMessage.event("/m/x", Value.of(2L)));
    }

    @Test void subscriptionOptionsAreAcceptedAndZeroOptionsChangeNothing() {
        TestClient w = client();
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/o", Set.of(), new SubscribeOptions(0L, 0.0, 0L, 0L)));
        assertThat(c.take()).isEmpty();
        for (int i = 1; i <= 10; i++) w.send(new SetMessage("/o", Value.of(1.0 + i * 1e-9)));
        assertThat(c.take()).hasSize(10);
        c.send(new SubscribeMessage(2, "/p", Set.of(), new SubscribeOptions(1L, 100.0, 5L, 10L)));
        assertThat(c.take()).isEmpty();   // no ERROR, no ACK
        for (int i = 1; i <= 10; i++) w.send(new SetMessage("/p", Value.of(1.0 + i * 1e-9)));
        assertThat(c.take()).hasSize(1);   // applied: the first; the rest are within epsilon
    }

    @Test void deliveryUsesTheSegmentMatcherAndSnapshotsTheGlob() {
        TestClient w = client();
        w.send(set("/a/b", 1));
        w.send(set("abc", 1));
        w.send(set("/chat", 1));
        TestClient braces = client();
        TestClient noSlash = client();
        TestClient chat = client();
        braces.send(new SubscribeMessage(1, "/a/{b,c}"));
        noSlash.send(new SubscribeMessage(1, "/bc"));
        chat.send(new SubscribeMessage(1, "/chat/**"));
        // M2: "/a/{b,c}" snapshots /a/b; "/bc" does not snapshot "abc"; "/chat/**" does not snapshot "/chat"
        assertThat(braces.take()).containsExactly(new SnapshotMessage(List.of(
                new ParamEntry("/a/b", Value.of(1L), 1, w.session, router.param("/a/b").orElseThrow().timestamp()))));
        assertThat(noSlash.take()).isEmpty();
        assertThat(chat.take()).isEmpty();
        w.send(set("/a/b", 2));
        w.send(set("abc", 2));
        w.send(set("/chat", 2));
        // M1: braces are literals, "abc" loses its first character, "/chat/**" takes "/chat"
        assertThat(braces.take()).isEmpty();
        assertThat(noSlash.take()).containsExactly(new SetMessage("abc", Value.of(2L), 2L));
        assertThat(chat.take()).containsExactly(new SetMessage("/chat", Value.of(2L), 2L));
    }
}
