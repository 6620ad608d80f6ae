package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.Ttl;
import clasp.api.router.ClaspException;
import clasp.api.store.ParamChanges;
import clasp.api.store.ParamRecord;
import clasp.api.store.ParamStore;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.LocalSessionImpl;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The ParamStore SPI in use: the router keeps params only there, hears its change feed, and can switch stores while running. */
class ParamStoreSeamTest {
    /** A store as a cluster's would be: its contents can change under the router, which it then tells. */
    static class FeedStore implements ParamStore {
        final MemoryParamStore inner = new MemoryParamStore();
        volatile ParamChanges changes;
        volatile int detached;

        @Override public ParamRecord get(String address) { return inner.get(address); }
        @Override public boolean compareAndSet(ParamRecord expected, ParamRecord next) { return inner.compareAndSet(expected, next); }
        @Override public void scan(String prefix, Consumer<ParamRecord> each) { inner.scan(prefix, each); }
        @Override public int size() { return inner.size(); }
        @Override public void attach(ParamChanges c) { changes = c; }
        @Override public void detach() { detached++; changes = null; }

        /** Another router applied {@code after}: stored, then reported. */
        void elsewhere(ParamRecord after) {
            ParamRecord before = inner.get(after.address());
            inner.compareAndSet(before, after);
            changes.changed(before, after);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final FeedStore store = new FeedStore();
    private final RouterCore core = new RouterCore(RouterSettings.defaults(), store, new OpenAuthoriser(), clock);
    private final List<Message> heard = new CopyOnWriteArrayList<>();

    private LocalSessionImpl local() {
        LocalSessionImpl s = new LocalSessionImpl(core, "t", false, Runnable::run, LocalSessionImpl.LOG_FAILURE, () -> { });
        core.register(s);
        return s;
    }

    private ParamRecord record(String address, long value, long revision, Ttl ttl) {
        return new ParamRecord(address, Value.of(value), revision, "session-on-another-router", clock.nowMicros(), null, ttl);
    }

    @Test void theRouterAttachesToItsStoreAndWritesOnlyThere() throws ClaspException {
        assertThat(store.changes).isSameAs(core.params().changes());
        local().set("/a", Value.of(1L));
        assertThat(store.get("/a")).extracting(ParamRecord::revision, ParamRecord::value).containsExactly(1L, Value.of(1L));
    }

    @Test void aChangeDecidedElsewhereReachesEverySubscriberWithItsRevision() throws ClaspException {
        TestClient net = new TestClient(core).hello();
        net.send(new SubscribeMessage(1, "/x/**"));
        LocalSessionImpl local = local();
        local.subscribe("/x/**", Set.of(), heard::add);
        store.elsewhere(record("/x/a", 5, 42, null));
        SetMessage expected = new SetMessage("/x/a", Value.of(5L), 42L);
        assertThat(net.take()).containsExactly(expected);
        assertThat(heard).containsExactly(expected);
        assertThat(local.set("/x/a", Value.of(6L))).isEqualTo(43);   // local writes go on from the revision it was given
    }

    @Test void aRemovalDecidedElsewhereIsNotSentAndATtlFromElsewhereExpiresHere() throws ClaspException {
        TestClient net = new TestClient(core).hello();
        net.send(new SubscribeMessage(1, "/**"));
        store.elsewhere(record("/t", 1, 3, new Ttl(2, false)));
        net.take();
        ParamRecord gone = store.get("/t");
        store.inner.compareAndSet(gone, null);
        store.changes.changed(gone, null);
        assertThat(net.take()).isEmpty();
        store.elsewhere(record("/t", 2, 4, new Ttl(2, false)));
        clock.advance(2001, TimeUnit.MILLISECONDS);
        assertThat(store.get("/t")).isNull();
    }

    @Test void anotherStoreTakesOverKeepingItsOwnParamsAndGainingTheOnesItLacks() throws ClaspException {
        LocalSessionImpl s = local();
        s.set("/only-here", Value.of(1L));
        s.set("/both", Value.of(1L));
        FeedStore next = new FeedStore();
        next.inner.compareAndSet(null, record("/both", 9, 9, null));
        next.inner.compareAndSet(null, record("/only-there", 7, 7, new Ttl(1, false)));
        core.useStore(next);
        assertThat(store.detached).isEqualTo(1);
        assertThat(next.changes).isSameAs(core.params().changes());
        assertThat(core.store()).isSameAs(next);
        assertThat(next.get("/only-here").revision()).isEqualTo(1);
        assertThat(next.get("/both").revision()).isEqualTo(9);
        assertThat(s.set("/both", Value.of(10L))).isEqualTo(10);
        assertThat(store.get("/both").revision()).isEqualTo(1);   // the old store is left as it was
        clock.advance(1001, TimeUnit.MILLISECONDS);
        assertThat(next.get("/only-there")).isNull();   // the new store's TTLs run on this router's clock
    }

    @Test void aStoreThatWasAwayCatchesUpOnEveryParamWrittenMeanwhileAndKeepsTheLocks() throws ClaspException {
        LocalSessionImpl s = local();
        s.set("/fader", Value.of(1L));
        s.set(new SetMessage("/locked", Value.of(1L), null, true, false, null));
        FeedStore back = new FeedStore();   // a durable store reopened: what it had when it went away
        back.inner.compareAndSet(null, record("/fader", 0, 1, null));
        back.inner.compareAndSet(null, new ParamRecord("/locked", Value.of(1L), 1, s.id(), 0, null, null));
        s.set("/fader", Value.of(5L));   // written while it was away
        core.useStore(back);
        assertThat(back.get("/fader").revision()).isEqualTo(2);
        assertThat(back.get("/fader").value()).isEqualTo(Value.of(5L));
        assertThat(back.get("/locked").lockHolder()).isEqualTo(s.id());   // a tie: the router's record, with its lock
        LocalSessionImpl other = local();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.set("/locked", Value.of(2L)))
                .hasMessageContaining("LockHeld");
    }

    @Test void theInMemoryStoreForgetsItsParamsWhenTheRouterLeavesIt() {
        MemoryParamStore memory = new MemoryParamStore();
        memory.compareAndSet(null, record("/a", 1, 1, null));
        memory.attach((before, after) -> { });
        memory.detach();
        assertThat(memory.size()).isZero();
        assertThat(memory.get("/a")).isNull();
    }

    @Test void announcedSignalsAreKeptByTheStoreAndComeBackFromTheStoreTheRouterSwitchesTo() throws ClaspException {
        java.util.Map<String, clasp.api.store.AnnouncedSignal> kept = new java.util.concurrent.ConcurrentHashMap<>();
        FeedStore keeping = new FeedStore() {
            @Override public void announced(clasp.api.store.AnnouncedSignal sig) { kept.put(sig.definition().address(), sig); }
            @Override public void scanSignals(Consumer<clasp.api.store.AnnouncedSignal> each) { kept.values().forEach(each); }
        };
        kept.put("/old/level", new clasp.api.store.AnnouncedSignal(
                new clasp.api.message.SignalDefinition("/old/level", clasp.api.SignalType.PARAM), clock.nowMicros()));
        LocalSessionImpl s = local();
        core.announce(s, new clasp.api.message.AnnounceMessage("/new", List.of(
                new clasp.api.message.SignalDefinition("/new/go", clasp.api.SignalType.EVENT))));
        core.useStore(keeping);
        assertThat(kept).containsOnlyKeys("/old/level", "/new/go");   // the router's definitions given to the store
        assertThat(core.query(s, "/**")).extracting(clasp.api.message.SignalDefinition::address)
                .containsExactlyInAnyOrder("/old/level", "/new/go");   // and the store's taken in
    }
}
