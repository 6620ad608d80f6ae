package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.AckMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.PingMessage;
import clasp.api.message.SetMessage;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.LocalSessionImpl;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lock leases on the router clock: a holder that sends nothing for the lease loses its locks as on disconnect;
 * any frame renews it; a denial names the holder; lease 0 (the default) keeps locks until released or disconnect.
 */
class LockLeaseTest {
    private final ManualClock clock = new ManualClock();
    private RouterCore core = core(10);

    private RouterCore core(int leaseSeconds) {
        return new RouterCore(TestSettings.defaults().lockLeaseSeconds(leaseSeconds).build(), new MemoryParamStore(),
                new OpenAuthoriser(), clock);
    }

    private TestClient client() { return new TestClient(core).hello(); }

    private static SetMessage lock(String address, long v) { return new SetMessage(address, Value.of(v), null, true, false, null); }

    private static SetMessage set(String address, long v) { return new SetMessage(address, Value.of(v)); }

    private static AckMessage ack(String address, long revision) { return new AckMessage(address, revision, null, null, null); }

    private static ErrorMessage lockHeld(String address, String holder) {
        return new ErrorMessage(400, "LockHeld { holder: \"" + holder + "\" }", address, null);
    }

    private String holder(String address) { return core.store().get(address).lockHolder(); }

    @Test void aHolderSilentForTheLeaseLosesEveryLockItHoldsAndOthersMayWrite() {
        TestClient a = client();
        TestClient b = client();
        a.send(lock("/l/1", 1));
        a.send(lock("/l/2", 1));
        clock.advance(9_999, TimeUnit.MILLISECONDS);
        b.send(set("/l/1", 2));
        assertThat(b.take()).containsExactly(lockHeld("/l/1", a.session));   // the denial names the holder
        clock.advance(1, TimeUnit.MILLISECONDS);                             // silent for the lease: released
        assertThat(holder("/l/1")).isNull();
        assertThat(holder("/l/2")).isNull();
        b.send(set("/l/1", 3));
        b.send(set("/l/2", 3));
        assertThat(b.take()).containsExactly(ack("/l/1", 2), ack("/l/2", 2));
        assertThat(core.store().get("/l/1").value()).isEqualTo(Value.of(3L));
        assertThat(a.conn.closeCode).isNull();                               // only its locks went, not its session
    }

    @Test void anyFrameFromTheHolderRenewsItsLeaseWithoutSchedulingAnything() {
        TestClient a = client();
        TestClient b = client();
        a.send(lock("/r", 1));
        for (int s = 1; s <= 50; s++) {          // a ping every 9 s for 450 s: never silent for 10 s
            clock.advance(9, TimeUnit.SECONDS);
            a.send(PingMessage.INSTANCE);
            assertThat(clock.pending()).isEqualTo(1);   // one lease check pending, whatever a sends
        }
        b.send(set("/r", 2));
        assertThat(b.take()).containsExactly(lockHeld("/r", a.session));
        clock.advance(9_999, TimeUnit.MILLISECONDS);
        assertThat(holder("/r")).isEqualTo(a.session);
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(holder("/r")).isNull();
        assertThat(clock.pending()).isZero();
    }

    @Test void aLockTakenAgainAfterTheLeaseRanOutGetsAFreshLease() {
        TestClient a = client();
        a.send(lock("/again", 1));
        clock.advance(10, TimeUnit.SECONDS);
        assertThat(holder("/again")).isNull();
        a.send(lock("/again", 2));
        assertThat(a.take()).containsExactly(ack("/again", 1), ack("/again", 2));
        clock.advance(9_999, TimeUnit.MILLISECONDS);
        assertThat(holder("/again")).isEqualTo(a.session);
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(holder("/again")).isNull();
    }

    @Test void aLocalSessionsRequestsRenewItsLease() throws Exception {
        LocalSessionImpl local = new LocalSessionImpl(core, "bridge", false, Runnable::run, LocalSessionImpl.LOG_FAILURE, () -> { });
        core.register(local);
        local.set(lock("/bridge", 1));
        clock.advance(8, TimeUnit.SECONDS);
        local.get("/other");
        clock.advance(8, TimeUnit.SECONDS);
        assertThat(holder("/bridge")).isEqualTo(local.id());
        clock.advance(2, TimeUnit.SECONDS);
        assertThat(holder("/bridge")).isNull();
    }

    @Test void withoutALeaseASilentHolderKeepsItsLocksUntilItGoes() {
        core = core(0);
        TestClient a = client();
        TestClient b = client();
        a.send(lock("/k", 1));
        assertThat(clock.pending()).isZero();
        clock.advance(30, TimeUnit.DAYS);
        b.send(set("/k", 2));
        assertThat(b.take()).containsExactly(lockHeld("/k", a.session));
        a.disconnect();                          // D7: released at once
        b.send(set("/k", 3));
        assertThat(b.take()).containsExactly(ack("/k", 2));
    }

    @Test void aLeaseConfiguredLaterAppliesToLocksAlreadyHeld() {
        core = core(0);
        TestClient a = client();
        a.send(lock("/late", 1));
        clock.advance(1, TimeUnit.HOURS);
        core.reconfigure(TestSettings.defaults().lockLeaseSeconds(5).build());
        assertThat(holder("/late")).isEqualTo(a.session);
        clock.advance(5, TimeUnit.SECONDS);          // checked within the new lease: silent for an hour, released
        assertThat(holder("/late")).isNull();
    }

    @Test void aHolderThatDisconnectsLosesItsLocksAtOnceAndItsLeaseCheckEndsQuietly() {
        TestClient a = client();
        TestClient b = client();
        a.send(lock("/d", 1));
        a.disconnect();
        b.send(set("/d", 2));
        assertThat(b.take()).containsExactly(ack("/d", 2));
        clock.advance(10, TimeUnit.SECONDS);
        assertThat(clock.pending()).isZero();
    }
}
