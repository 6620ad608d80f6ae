package clasp.router.internal;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.LocalSessionImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import clasp.api.message.*;
import clasp.api.router.ClaspException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** router-semantics §6.1–6.7 (SET, revisions, locks, TTL, capacity), D1, D7, D9, D11. */
class SetAndLockTest extends RouterTestSupport {
    private static SetMessage set(String address, long v) { return new SetMessage(address, Value.of(v)); }

    private static SetMessage lock(String address, long v) { return new SetMessage(address, Value.of(v), null, true, false, null); }

    private static SetMessage unlock(String address, long v) { return new SetMessage(address, Value.of(v), null, false, true, null); }

    private static AckMessage ack(String address, long revision) { return new AckMessage(address, revision, null, null, null); }

    private static ErrorMessage lockHeld(String address, String holder) {
        return new ErrorMessage(400, "LockHeld { holder: \"" + holder + "\" }", address, null);
    }

    @Test void setIsAckedAndBroadcastByteExact() {
        TestClient sub = client();
        TestClient w = client();
        sub.send(new SubscribeMessage(1, "/a"));
        w.hex(HandshakeTest.SET_A_1);
        assertThat(w.takeHex()).containsExactly(HandshakeTest.ACK_A_1);
        // SET "/a" = Int 1 with revision 1, QoS confirm
        assertThat(sub.takeHex()).containsExactly("53 41 00 16 21 85 00 02 2F 61 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 01");
    }

    @Test void theRevisionIsIgnoredOnCreationAndCheckedAfterwards() {
        TestClient sub = client();
        TestClient w = client();
        sub.send(new SubscribeMessage(1, "/r"));
        w.send(new SetMessage("/r", Value.of(1L), 9L));
        w.send(new SetMessage("/r", Value.of(2L), 1L));
        w.send(new SetMessage("/r", Value.of(3L), 1L));
        assertThat(w.take()).containsExactly(ack("/r", 1), ack("/r", 2),
                new ErrorMessage(400, "RevisionConflict { expected: 1, actual: 2 }", "/r", null));
        assertThat(sub.take()).containsExactly(new SetMessage("/r", Value.of(1L), 1L), new SetMessage("/r", Value.of(2L), 2L));
        assertThat(router.param("/r").orElseThrow().value()).isEqualTo(Value.of(2L));
    }

    @Test void aLockHeldByAnotherRefusesEveryWriteIncludingAnUnlock() {
        TestClient a = client();
        TestClient b = client();
        a.send(lock("/k", 1));
        assertThat(a.take()).containsExactly(ack("/k", 1));
        b.send(set("/k", 2));
        b.send(lock("/k", 3));
        b.send(unlock("/k", 4));   // HARDEN §6.2: a non-holder's unlock does not bypass the lock
        assertThat(b.take()).containsExactly(lockHeld("/k", a.session), lockHeld("/k", a.session), lockHeld("/k", a.session));
        assertThat(router.param("/k").orElseThrow().revision()).isEqualTo(1);
    }

    @Test void theHolderKeepsWritingAndItsUnlockWritesAndReleases() {
        TestClient a = client();
        TestClient b = client();
        a.send(lock("/k", 1));
        a.send(set("/k", 2));             // no lock flag: still locked
        b.send(set("/k", 9));
        a.send(unlock("/k", 5));          // the unlock's value is written too
        b.send(set("/k", 6));
        assertThat(a.take()).containsExactly(ack("/k", 1), ack("/k", 2), ack("/k", 3));
        assertThat(b.take()).containsExactly(lockHeld("/k", a.session), ack("/k", 4));
        assertThat(router.param("/k").orElseThrow().lockHolder()).isNull();
    }

    @Test void anUnlockOnCreationIsIgnored() {
        TestClient a = client();
        TestClient b = client();
        a.send(unlock("/u", 1));
        b.send(set("/u", 2));
        assertThat(a.take()).containsExactly(ack("/u", 1));
        assertThat(b.take()).containsExactly(ack("/u", 2));
    }

    @Test void broadcastSetsCarryTheLockFlagsAsSentButNotTheTtl() {
        TestClient sub = client();
        TestClient a = client();
        sub.send(new SubscribeMessage(1, "/k"));
        a.send(new SetMessage("/k", Value.of(1L), null, true, false, new Ttl(60, false)));
        a.send(unlock("/k", 2));
        assertThat(sub.take()).containsExactly(new SetMessage("/k", Value.of(1L), 1L, true, false, null),
                new SetMessage("/k", Value.of(2L), 2L, false, true, null));
    }

    @Test void setAddressesAreNotValidated() {
        TestClient c = client();
        List<String> addresses = List.of("", "abc", "/a//b", "/x/*", "/ü ñ/..");
        for (String a : addresses) c.send(set(a, 1));
        List<Message> expected = new ArrayList<>();
        for (String a : addresses) expected.add(ack(a, 1));
        assertThat(c.take()).isEqualTo(expected);
        for (String a : addresses) assertThat(router.param(a)).as(a).isPresent();
    }

    @Test void aNewParamPastMaxParamsGetsAtCapacityAndNothingIsEvicted() {
        restart(TestSettings.defaults().maxParams(2));
        TestClient c = client();
        c.send(set("/c1", 1));
        c.send(set("/c2", 1));
        c.send(set("/c3", 1));
        c.send(set("/c1", 2));
        assertThat(c.take()).containsExactly(ack("/c1", 1), ack("/c2", 1), new ErrorMessage(400, "AtCapacity", "/c3", null), ack("/c1", 2));
        assertThat(router.params("/**")).extracting(p -> p.address()).containsExactlyInAnyOrder("/c1", "/c2");
    }

    @Test void aValueTooLargeForASnapshotEntryGets402WithTheMaximum() {
        TestClient c = client();
        // at "/big": 65,535 - 3 (list header) - 57 (entry overhead) - 4 (address) = 65,471 encoded value bytes
        c.send(new SetMessage("/big", Value.of(new byte[65_471 - 3])));
        c.send(new SetMessage("/big", Value.of(new byte[65_471 - 2])));
        assertThat(c.take()).containsExactly(ack("/big", 1),
                new ErrorMessage(402, "Value too large: at most 65471 encoded bytes fit a param at this address", "/big", null));
        c.send(new GetMessage("/big"));
        List<byte[]> frames = new ArrayList<>(c.conn.sent);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).hasSize(4 + 65_535);   // the largest entry fills a frame exactly
        assertThat(router.param("/big").orElseThrow().revision()).isEqualTo(1);
    }

    @Test void theSubscribedSenderGetsItsEchoBeforeItsAckWhateverTheFanOut() {
        List<TestClient> subs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestClient s = client();
            s.send(new SubscribeMessage(1, "/f/**"));
            subs.add(s);
        }
        TestClient w = subs.get(0);
        w.send(set("/f/x", 7));
        assertThat(w.take()).containsExactly(new SetMessage("/f/x", Value.of(7L), 1L), ack("/f/x", 1));
        for (TestClient s : subs.subList(1, 20)) assertThat(s.take()).containsExactly(new SetMessage("/f/x", Value.of(7L), 1L));
    }

    // ---- TTL and expiry, on the core with the store and the clock in the test's hands

    private final MemoryParamStore store = new MemoryParamStore();
    private final ManualClock clock = new ManualClock();
    private final RouterCore core = new RouterCore(RouterSettings.defaults(), store, new OpenAuthoriser(), clock);

    private LocalSessionImpl local() {
        LocalSessionImpl s = new LocalSessionImpl(core, "t", false, Runnable::run, LocalSessionImpl.LOG_FAILURE, () -> { });
        core.register(s);
        return s;
    }

    private static SetMessage withTtl(String address, long v, Ttl ttl) {
        return new SetMessage(address, Value.of(v), null, false, false, ttl);
    }

    private List<String> stored() {
        List<String> out = new ArrayList<>();
        store.scan("", p -> out.add(p.address()));
        return out;
    }

    @Test void paramsWithoutTheirOwnTtlNeverExpire() throws ClaspException {
        LocalSessionImpl s = local();
        s.set("/none", Value.of(1L));
        s.set(withTtl("/never", 1, new Ttl(0, false)));
        assertThat(clock.pending()).isZero();
        clock.advance(30, TimeUnit.DAYS);
        assertThat(stored()).containsExactlyInAnyOrder("/none", "/never");
    }

    @Test void aParamsOwnTtlRemovesItSilentlyAndItRestartsAtRevision1() throws ClaspException {
        LocalSessionImpl s = local();
        TestClient watcher = new TestClient(core).hello();
        s.set(withTtl("/short", 1, new Ttl(1, false)));
        s.set(withTtl("/absolute", 1, new Ttl(1, true)));
        s.set(withTtl("/long", 1, new Ttl(5, false)));
        watcher.send(new SubscribeMessage(1, "/**"));
        watcher.take();
        clock.advance(1, TimeUnit.SECONDS);
        assertThat(stored()).hasSize(3);   // exactly its TTL old: not past it yet
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(stored()).containsExactly("/long");
        assertThat(watcher.take()).isEmpty();   // removal is silent on the wire
        assertThat(s.set("/short", Value.of(2L))).isEqualTo(1);
        clock.advance(5, TimeUnit.SECONDS);
        assertThat(stored()).containsExactly("/short");
        assertThat(core.params().pendingTtls()).isZero();
    }

    @Test void aWriteReArmsTheDeadline() throws ClaspException {
        LocalSessionImpl s = local();
        s.set(withTtl("/t", 1, new Ttl(5, false)));
        clock.advance(4, TimeUnit.SECONDS);
        s.set("/t", Value.of(2L));   // keeps its 5 s TTL, counted from now
        clock.advance(4, TimeUnit.SECONDS);
        assertThat(stored()).containsExactly("/t");
        assertThat(core.params().pendingTtls()).isEqualTo(1);   // one timer per param, however often it is written
        clock.advance(1001, TimeUnit.MILLISECONDS);
        assertThat(stored()).isEmpty();
    }

    @Test void aShorterTtlBringsTheDeadlineForward() throws ClaspException {
        LocalSessionImpl s = local();
        s.set(withTtl("/t", 1, new Ttl(60, false)));
        s.set(withTtl("/t", 2, new Ttl(1, false)));
        clock.advance(1001, TimeUnit.MILLISECONDS);
        assertThat(stored()).isEmpty();
    }

    @Test void aSetWithoutTtlKeepsTheParamsTtlAndOneWithATtlReplacesIt() throws ClaspException {
        LocalSessionImpl s = local();
        s.set(withTtl("/t", 1, new Ttl(30, false)));
        s.set(new SetMessage("/t", Value.of(2L)));
        assertThat(store.get("/t").ttl()).isEqualTo(new Ttl(30, false));
        s.set(withTtl("/t", 3, new Ttl(0, false)));
        assertThat(store.get("/t").ttl()).isEqualTo(new Ttl(0, false));
    }

    @Test void anExpiredLockedParamTakesItsLockWithIt() throws ClaspException {
        LocalSessionImpl holder = local();
        holder.set(new SetMessage("/l", Value.of(1L), null, true, false, new Ttl(1, false)));
        LocalSessionImpl other = local();
        assertThatThrownBy(() -> other.set("/l", Value.of(2L))).hasMessageStartingWith("LockHeld");
        clock.advance(2, TimeUnit.SECONDS);
        assertThat(other.set("/l", Value.of(3L))).isEqualTo(1);
    }
}
