package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Authoriser;
import clasp.api.auth.Principal;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.api.router.Router;
import clasp.api.store.ParamChanges;
import clasp.api.store.ParamRecord;
import clasp.api.store.ParamStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * The router's SPIs in the shipped runtime: registering a {@link ParamStore} or an {@link Authoriser} with a ranking
 * above the built-in ones makes the running router use it at once, and unregistering it falls back to the built-in
 * one — without restarting the router or losing its params.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SeamsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private Router router;

    private final List<ServiceRegistration<?>> registrations = new CopyOnWriteArrayList<>();

    @Configuration
    public Option[] configuration() throws IOException {
        Path etc = Provisioning.workDir().resolve("seams").resolve("etc");
        RuntimeProcess.quietListener(etc);
        return OptionUtils.combine(Provisioning.runtime(etc), Provisioning.awaitility());
    }

    @After
    public void unregister() {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the test unregistered it
            }
        }
    }

    /** A store kept by the test, as a durable or clustered one would be: it can hold params before it is used. */
    static final class TestStore implements ParamStore {
        final ConcurrentHashMap<String, ParamRecord> records = new ConcurrentHashMap<>();
        volatile ParamChanges changes;

        @Override public ParamRecord get(String address) { return records.get(address); }

        @Override public synchronized boolean compareAndSet(ParamRecord expected, ParamRecord next) {
            String address = expected != null ? expected.address() : next.address();
            ParamRecord cur = records.get(address);
            boolean same = cur == null || expected == null ? cur == expected
                    : cur.revision() == expected.revision() && Objects.equals(cur.writer(), expected.writer());
            if (!same) return false;
            if (next == null) records.remove(address);
            else records.put(address, next);
            return true;
        }

        @Override public void scan(String prefix, Consumer<ParamRecord> each) {
            records.values().stream().filter(p -> p.address().startsWith(prefix)).forEach(each);
        }

        @Override public int size() { return records.size(); }
        @Override public void attach(ParamChanges c) { changes = c; }
        @Override public void detach() { changes = null; }
    }

    private <S> void register(Class<S> type, S service, int ranking) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, ranking);
        registrations.add(context.registerService(type, service, props));
    }

    @Test
    public void aHigherRankedStoreTakesOverWhileRunningAndTheBuiltInOneReturnsWhenItGoes() throws Exception {
        List<Message> heard = new CopyOnWriteArrayList<>();
        try (LocalSession session = router.openSession("seams", false)) {
            session.subscribe("/seams/**", Set.of(), heard::add);
            session.set("/seams/before", Value.of(1L));

            TestStore store = new TestStore();
            store.records.put("/seams/durable", new ParamRecord("/seams/durable", Value.of(7L), 7, "earlier-run", 1L, null, null));
            register(ParamStore.class, store, 100);
            Eventually.until("the router attached to the higher-ranked store", WAIT, () -> store.changes != null);

            assertEquals("its own params are the router's now", 7L, router.param("/seams/durable").orElseThrow().revision());
            assertNotNull("what the router held before is copied into it", store.get("/seams/before"));
            assertEquals(2L, session.set("/seams/before", Value.of(2L)));
            assertEquals("writes go to it", 2L, store.get("/seams/before").revision());

            ParamRecord fromElsewhere = new ParamRecord("/seams/remote", Value.of(5L), 42, "other-router", 2L, null, null);
            store.records.put(fromElsewhere.address(), fromElsewhere);
            store.changes.changed(null, fromElsewhere);
            Eventually.until("the change made elsewhere reaches the subscriber", WAIT,
                    () -> heard.contains(new SetMessage("/seams/remote", Value.of(5L), 42L)));

            registrations.remove(0).unregister();
            Eventually.until("the router detached from the store that went", WAIT, () -> store.changes == null);
            ParamState kept = router.param("/seams/remote").orElseThrow();
            assertEquals("the built-in store took over what the router held", 42L, kept.revision());
            assertEquals(3L, session.set("/seams/before", Value.of(3L)));
            assertEquals("the store that went hears no more writes", 2L, store.get("/seams/before").revision());
        }
    }

    @Test
    public void aHigherRankedAuthoriserDecidesForNetworkAndLocalSessions() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        Authoriser readOnlyShow = (Principal p, Action a, String address) -> {
            asked.add(p.name() + " " + a + " " + address);
            return !(a == Action.SET && address.startsWith("/show/"));
        };
        register(Authoriser.class, readOnlyShow, 100);
        try (LocalSession session = router.openSession("seams-auth", false)) {
            Eventually.until("the local session is refused", WAIT, () -> {
                try {
                    session.set("/show/cue", Value.of(1L));
                    return false;
                } catch (ClaspException e) {
                    return e.code() == 301 && e.getMessage().equals("Insufficient scope for write operation");
                }
            });
            assertTrue(asked.toString(), asked.contains("local:seams-auth SET /show/cue"));
            URI uri = URI.create(Listeners.awaitDefault(router).endpoint());
            ClaspClient client = ClaspClient.connect(uri, "seams-client");
            try {
                client.send(new SetMessage("/show/cue", Value.of(1L)));
                client.send(new SetMessage("/free/cue", Value.of(1L)));
                client.sync();
                assertEquals(List.of(new ErrorMessage(301, "Insufficient scope for write operation", "/show/cue", null)), client.errors());
                assertEquals(List.of(1L), client.ackedRevisions("/free/cue"));
            } finally {
                client.close();
            }
        }
        registrations.remove(0).unregister();
        try (LocalSession session = router.openSession("seams-open", false)) {
            Eventually.until("open mode is back", WAIT, () -> {
                try {
                    session.set("/show/cue", Value.of(2L));
                    return true;
                } catch (ClaspException e) {
                    return false;
                }
            });
        }
        assertNull(router.param("/nothing").orElse(null));
    }}
