package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.*;
import java.util.List;
import org.junit.jupiter.api.Test;

/** router-semantics §8 BUNDLE: SETs then PUBLISHes, the ACK, ignored inner types, all-or-nothing (HARDEN). */
class BundleTest extends RouterTestSupport {
    private static SetMessage set(String address, long v) { return new SetMessage(address, Value.of(v)); }

    @Test void setsApplyBeforePublishesAndTheAckCarriesTheLastRevisionOnly() {
        TestClient sender = client();
        TestClient sub = client();
        sender.send(new SubscribeMessage(1, "/b/**"));
        sub.send(new SubscribeMessage(1, "/b/**"));
        PublishMessage e = PublishMessage.event("/b/e", Value.of(0L));
        sender.send(new BundleMessage(null, List.of(e, set("/b/1", 1), set("/b/2", 2), set("/b/1", 3))));
        List<Message> sets = List.of(new SetMessage("/b/1", Value.of(1L), 1L), new SetMessage("/b/2", Value.of(2L), 1L),
                new SetMessage("/b/1", Value.of(3L), 2L));
        assertThat(sub.take()).containsExactly(sets.get(0), sets.get(1), sets.get(2), e);
        List<String> mine = sender.takeHex();
        assertThat(mine).hasSize(4);
        assertThat(mine.get(3)).isEqualTo("53 01 00 0A 50 02 00 00 00 00 00 00 00 02");   // ACK {revision 2}, no address
        assertThat(mine.subList(0, 3)).containsExactly(sets.stream().map(TestClient::routerHex).toArray(String[]::new));
    }

    @Test void aBundleWithoutSetsIsAckedWithNoFields() {
        TestClient c = client();
        c.send(new BundleMessage(null, List.of()));
        c.send(new BundleMessage(null, List.of(PublishMessage.event("/e", Value.of(1L)))));
        assertThat(c.takeHex()).containsExactly("53 01 00 02 50 00", "53 01 00 02 50 00");
    }

    @Test void innerMessagesOtherThanSetAndPublishAreIgnored() {
        TestClient c = client();
        TestClient other = client();
        other.send(set("/x", 1));
        c.send(new BundleMessage(null, List.of(new GetMessage("/x"), new SubscribeMessage(1, "/**"), new PingMessage(),
                new BundleMessage(null, List.of(set("/nested", 1))), set("/y", 5))));
        assertThat(c.take()).containsExactly(new AckMessage(null, 1L, null, null, null));
        assertThat(router.param("/nested")).isEmpty();
        other.send(set("/x", 2));
        assertThat(c.take()).isEmpty();   // no subscription was made
    }

    @Test void aSetThatWouldFailRejectsTheWholeBundle() {
        TestClient holder = client();
        TestClient c = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/**"));
        holder.send(new SetMessage("/locked", Value.of(1L), null, true, false, null));
        sub.take();
        c.send(new BundleMessage(null, List.of(set("/ok", 1), PublishMessage.event("/ev", Value.of(1L)), set("/locked", 2))));
        assertThat(c.take()).containsExactly(new ErrorMessage(400,
                "Bundle rejected: LockHeld { holder: \"" + holder.session + "\" }", "/locked", null));
        assertThat(sub.take()).isEmpty();
        assertThat(router.param("/ok")).isEmpty();
    }

    @Test void capacityIsCheckedForTheBundleAsAWhole() {
        restart(TestSettings.defaults().maxParams(2));
        TestClient c = client();
        c.send(set("/c1", 1));
        c.take();
        c.send(new BundleMessage(null, List.of(set("/c1", 2), set("/c2", 1), set("/c3", 1))));
        assertThat(c.take()).containsExactly(new ErrorMessage(400, "Bundle rejected: AtCapacity", "/c3", null));
        assertThat(router.param("/c1").orElseThrow().revision()).isEqualTo(1);
        assertThat(router.param("/c2")).isEmpty();
    }

    @Test void laterSetsOfOneAddressAreCheckedAgainstTheEarlierOnes() {
        TestClient c = client();
        c.send(set("/s", 1));
        c.send(new BundleMessage(null, List.of(new SetMessage("/s", Value.of(2L), 1L), new SetMessage("/s", Value.of(3L), 2L))));
        c.send(new BundleMessage(null, List.of(new SetMessage("/s", Value.of(4L), 3L), new SetMessage("/s", Value.of(5L), 3L))));
        assertThat(c.take()).containsExactly(new AckMessage("/s", 1L, null, null, null), new AckMessage(null, 3L, null, null, null),
                new ErrorMessage(400, "Bundle rejected: RevisionConflict { expected: 3, actual: 4 }", "/s", null));
        assertThat(router.param("/s").orElseThrow().value()).isEqualTo(Value.of(3L));
    }

    @Test void aTooLargeValueRejectsTheBundleWith402() {
        TestClient c = client();
        c.send(new BundleMessage(null, List.of(set("/ok", 1), new SetMessage("/big", Value.of(new byte[65_471 - 2])))));
        assertThat(c.take()).containsExactly(
                new ErrorMessage(402, "Value too large: at most 65471 encoded bytes fit a param at this address", "/big", null));
        assertThat(router.param("/ok")).isEmpty();
    }
}
