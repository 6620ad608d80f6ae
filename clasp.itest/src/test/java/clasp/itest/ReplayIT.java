package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Authoriser;
import clasp.api.message.ErrorMessage;
import clasp.api.message.GetMessage;
import clasp.api.message.Message;
import clasp.api.message.PingMessage;
import clasp.api.message.PongMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.ReplayMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.router.Router;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * REPLAY over a real WebSocket against the runtime's journal (clasp.store.mvstore): SETs and PUBLISHes come back
 * oldest first as SET frames with their recorded revisions and PUBLISH frames, filtered by pattern, time range,
 * types and limit, and nothing else; with the journal switched off REPLAY gets ERROR 501; a pattern the session may
 * not read gets ERROR 301 (an authoriser registered from the test).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReplayIT {
    private static final String STORE_PID = "clasp.store.mvstore";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Between the groups of writes, so that a time range can fall between them on any machine. */
    private static final long GAP_MILLIS = 200;

    @Inject
    private BundleContext context;

    @Inject
    private Router router;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private ClaspWebSocketClient client;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path etc = Provisioning.workDir().resolve("replay").resolve("etc");
        return Provisioning.freshQuietRuntime(etc);
    }

    @Before
    public void connect() throws Exception {
        int port = java.net.URI.create(Listeners.awaitDefault(router).endpoint()).getPort();
        client = ClaspWebSocketClient.connect(port, "replay client");
        journal(true);   // off by default
        Eventually.until("the store's journal in use", WAIT, () -> router.store().journal() != null);
    }

    @After
    public void close() throws Exception {
        if (client != null) client.close();
        Configuration c = configurationAdmin.getConfiguration(STORE_PID, "?");
        if (c.getProperties() != null) c.delete();
    }

    @Test
    public void replayAnswersTheJournalledSetsAndPublishesOldestFirstFilteredAsAsked() throws Exception {
        SetMessage a1 = new SetMessage("/replay/a", Value.of(1L), 1L);
        SetMessage b1 = new SetMessage("/replay/b", Value.of("x"), 1L);
        PublishMessage e = PublishMessage.event("/replay/e", Value.of(5L));
        SetMessage a2 = new SetMessage("/replay/a", Value.of(2L), 2L);
        SetMessage a3 = new SetMessage("/replay/a", Value.of(3L), 3L);

        write(new SetMessage("/replay/a", Value.of(1L)), new SetMessage("/replay/b", Value.of("x")));
        long first = writtenAt("/replay/a");
        Thread.sleep(GAP_MILLIS);
        write(e, new SetMessage("/replay/a", Value.of(2L)));
        long second = writtenAt("/replay/a");
        Thread.sleep(GAP_MILLIS);
        write(PublishMessage.event("/elsewhere/e", Value.of(6L)), new SetMessage("/replay/a", Value.of(3L)));
        long half = GAP_MILLIS * 1000 / 2;

        assertEquals(show(a1, b1, e, a2, a3), show(replay("/replay/**", null, null, null, Set.of())));
        assertEquals(show(e, a2), show(replay("/replay/**", first + half, second + half, null, Set.of())));
        assertEquals(show(a1, b1, a2, a3), show(replay("/replay/**", null, null, null, Set.of(SignalType.PARAM))));
        assertEquals(show(e), show(replay("/replay/**", null, null, null, Set.of(SignalType.EVENT))));
        assertEquals(show(a1, b1), show(replay("/replay/**", null, null, 2L, Set.of())));
        assertEquals(show(a1, a2, a3), show(replay("/replay/a", null, null, null, Set.of())));
        assertEquals(show(a2), show(replay("/replay/*", first + half, null, 1L, Set.of(SignalType.PARAM))));
        assertEquals("", show(replay("/nothing/**", null, null, null, Set.of())));
        assertTrue("a REPLAY frame was sent to the client",
                client.received().stream().noneMatch(r -> r.message() instanceof ReplayMessage));
    }

    @Test
    public void withTheJournalOffReplayGets501() throws Exception {
        journal(false);
        Eventually.until("the router without a journal", WAIT, () -> router.store().journal() == null);
        List<Message> reply = replay("/replay/**", null, null, null, Set.of());
        assertEquals(1, reply.size());
        ErrorMessage error = (ErrorMessage) reply.get(0);
        assertEquals(501, error.code());
        assertEquals("Journal not configured on this router", error.message());

        journal(true);
        Eventually.until("the journal back", WAIT, () -> router.store().journal() != null);
        write(new SetMessage("/journal-back/x", Value.of(true)));
        assertEquals(show(new SetMessage("/journal-back/x", Value.of(true), 1L)), show(replay("/journal-back/**", null, null, null, Set.of())));
    }

    /** Configures the store with its journal on or off. */
    private void journal(boolean on) throws IOException {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("journal", on);
        configurationAdmin.getConfiguration(STORE_PID, "?").update(props);
    }

    @Test
    public void aPatternTheSessionMayNotReadGets301() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 100);
        Authoriser noSecrets = (principal, action, address) ->
                !(action == Action.SUBSCRIBE && address != null && address.startsWith("/replay/secret"));
        ServiceRegistration<Authoriser> registration = context.registerService(Authoriser.class, noSecrets, props);
        try {
            List<Message> reply = Eventually.until("REPLAY refused by the authoriser", WAIT,
                    () -> replay("/replay/secret/**", null, null, null, Set.of()),
                    r -> r.size() == 1 && r.get(0) instanceof ErrorMessage);
            ErrorMessage error = (ErrorMessage) reply.get(0);
            assertEquals(301, error.code());
            assertEquals("Insufficient scope for replay", error.message());
            assertEquals("/replay/secret/**", error.address());
        } finally {
            registration.unregister();
        }
    }

    /** Sends the messages, then waits until the router has handled them. */
    private void write(Message... messages) throws Exception {
        int from = client.count();
        for (Message m : messages) client.send(m);
        roundTrip(from);
    }

    /** When the param at {@code address} was last written (its SNAPSHOT timestamp, µs on the router's clock). */
    private long writtenAt(String address) throws Exception {
        int from = client.count();
        client.send(new GetMessage(address));
        for (Message m : roundTrip(from)) {
            if (m instanceof SnapshotMessage s) return s.params().get(0).timestamp();
        }
        throw new AssertionError("no SNAPSHOT for " + address);
    }

    /** Everything the router sends in answer to the REPLAY (a PING behind it comes back after its last frame). */
    private List<Message> replay(String pattern, Long from, Long to, Long limit, Set<SignalType> types) throws Exception {
        int start = client.count();
        client.send(new ReplayMessage(pattern, from, to, limit, types));
        return roundTrip(start);
    }

    /** Sends PING; returns what arrived from position {@code from} until its PONG. */
    private List<Message> roundTrip(int from) throws Exception {
        client.send(PingMessage.INSTANCE);
        client.await(from, m -> m instanceof PongMessage, WAIT);
        List<Message> got = client.since(from).stream().map(ClaspWebSocketClient.Received::message).collect(Collectors.toList());
        return got.subList(0, got.indexOf(got.stream().filter(m -> m instanceof PongMessage).findFirst().orElseThrow()));
    }

    /** The messages one a line, SETs with address, value and revision, PUBLISHes with address, signal and value. */
    private static String show(Message... messages) {
        return show(List.of(messages));
    }

    private static String show(List<Message> messages) {
        return messages.stream().map(m -> {
            if (m instanceof SetMessage s) return "SET " + s.address() + " " + s.value() + " r" + s.revision();
            if (m instanceof PublishMessage p) return "PUBLISH " + p.address() + " " + p.signal() + " " + p.value();
            return m.toString();
        }).collect(Collectors.joining("\n"));
    }
}
