package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.GesturePhase;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.BundleMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.api.message.MessageType;
import clasp.api.message.PublishMessage;
import clasp.api.message.ReplayMessage;
import clasp.api.message.SetMessage;
import clasp.api.store.Journal;
import clasp.api.store.JournalEntry;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** router-semantics §17.2–17.3: what the router journals, and REPLAY over the journal. */
class ReplayTest extends RouterTestSupport {
    /** A journal keeping every entry in a list, in append order. */
    static class ListJournal implements Journal {
        final List<JournalEntry> entries = new CopyOnWriteArrayList<>();

        @Override public void append(JournalEntry entry) { entries.add(entry); }

        @Override public Iterator<JournalEntry> read(long from, long to) {
            return entries.stream().filter(e -> e.timestamp() >= from && e.timestamp() <= to).iterator();
        }

        @Override public String describe() { return entries.size() + " entries in a list"; }
    }

    private static ReplayMessage replay(String pattern, Long from, Long to, Long limit, Set<SignalType> types) {
        return new ReplayMessage(pattern, from, to, limit, types);
    }

    private static PublishMessage event(String address, long v) { return PublishMessage.event(address, Value.of(v)); }

    private ListJournal journalled() {
        ListJournal j = new ListJournal();
        router.bindJournal(j);
        return j;
    }

    @Test void withoutAJournalReplayIsRefusedWith501NamingThePattern() {
        TestClient c = client();
        c.send(replay("/mixer/**", null, null, null, Set.of()));
        assertThat(c.take()).containsExactly(new ErrorMessage(501, "Journal not configured on this router", "/mixer/**", null));
        assertThat(router.store().journal()).isNull();
    }

    @Test void acceptedSetsAndRoutedPublishesAreJournalledInOrderRefusedOnesAreNot() {
        ListJournal j = journalled();
        TestClient a = client();
        TestClient b = client();
        a.send(new SetMessage("/f", Value.of(1L)));
        a.send(new SetMessage("/f", Value.of(2L), null, true, false, null));   // a takes the lock
        b.send(new SetMessage("/f", Value.of(9L)));                              // refused: LockHeld
        a.send(event("/e", 5));
        a.send(new BundleMessage(null, List.of(new SetMessage("/g", Value.of(3L)), event("/h", 6))));
        b.send(new BundleMessage(null, List.of(new SetMessage("/k", Value.of(4L)), new SetMessage("/f", Value.of(9L)))));
        assertThat(b.take()).extracting(Message::type).containsExactly(MessageType.ERROR, MessageType.ERROR);
        assertThat(j.entries).extracting(e -> e.address() + "=" + value(e.message()) + (e.message() instanceof SetMessage s ? "@" + s.revision() : ""))
                .containsExactly("/f=1@1", "/f=2@2", "/e=5", "/g=3@1", "/h=6");
        assertThat(j.entries).extracting(JournalEntry::writer).containsOnly(a.session);
        assertThat(j.entries).extracting(JournalEntry::timestamp).isSorted();
    }

    @Test void replayAnswersSetsWithTheirRevisionsAndPublishesOldestFirstAndNothingElse() {
        journalled();
        TestClient w = client();
        w.send(new SetMessage("/a/x", Value.of(1L)));
        w.send(new SetMessage("/a/x", Value.of(2L)));
        w.send(new SetMessage("/b", Value.of(3L)));
        w.send(event("/a/e", 4));
        w.send(PublishMessage.event("/other", Value.of("x")));
        w.take();
        TestClient r = client();
        r.send(replay("/a/**", null, null, null, Set.of()));
        List<Frame> frames = r.takeFrames();
        assertThat(frames).extracting(Frame::message).containsExactly(
                new SetMessage("/a/x", Value.of(1L), 1L), new SetMessage("/a/x", Value.of(2L), 2L), event("/a/e", 4));
        assertThat(frames).extracting(f -> f.message().type()).doesNotContain(MessageType.REPLAY, MessageType.FEDERATION_SYNC);
    }

    @Test void replayHonoursTypesLimitAndTheTimeRange() {
        ListJournal j = journalled();
        TestClient w = client();
        for (int i = 1; i <= 5; i++) {
            w.send(new SetMessage("/p", Value.of((long) i)));
            w.send(event("/p", 10 + i));
        }
        w.take();
        TestClient r = client();
        r.send(replay("/p", null, null, null, Set.of(SignalType.EVENT)));
        assertThat(r.take()).extracting(ReplayTest::value).containsExactly(11L, 12L, 13L, 14L, 15L);
        r.send(replay("/p", null, null, 3L, Set.of(SignalType.PARAM)));
        assertThat(r.take()).extracting(ReplayTest::value).containsExactly(1L, 2L, 3L);
        long from = j.entries.get(2).timestamp();   // the second SET
        long to = j.entries.get(5).timestamp();     // the third event
        r.send(replay("/p", from, to, null, Set.of()));
        List<Long> expected = j.entries.stream().filter(e -> e.timestamp() >= from && e.timestamp() <= to)
                .map(e -> value(e.message())).toList();
        assertThat(r.take()).extracting(ReplayTest::value).containsExactlyElementsOf(expected).contains(2L, 13L);
        r.send(replay("/p", null, null, 0L, Set.of()));
        assertThat(r.take()).isEmpty();   // limit 0: nothing, and no terminator follows (§17.3)
    }

    @Test void aBadPatternGets202AndAJournalThatFailsGets500() {
        router.bindJournal(new ListJournal() {
            @Override public Iterator<JournalEntry> read(long from, long to) { throw new IllegalStateException("disk gone"); }
        });
        TestClient r = client();
        r.send(replay("no-slash", null, null, null, Set.of()));
        assertThat(r.take()).singleElement().extracting(m -> ((ErrorMessage) m).code()).isEqualTo(202);
        r.send(replay("/**", null, null, null, Set.of()));
        assertThat(r.take()).containsExactly(new ErrorMessage(500, "Journal query failed: disk gone", "/**", null));
    }

    @Test void gesturesAreJournalledAsRoutedAfterCoalescingAndAMalformedTimelineNotAtAll() {
        ListJournal j = journalled();
        TestClient w = client();
        w.send(new PublishMessage("/g", SignalType.GESTURE, Value.of(1L), null, null, 7L, GesturePhase.START, null));
        w.send(new PublishMessage("/g", SignalType.GESTURE, Value.of(2L), null, null, 7L, GesturePhase.END, null));
        w.send(new Frame(new PublishMessage("/t", SignalType.TIMELINE, Value.of("not a timeline"), null, null, null,
                GesturePhase.START, null), QoS.CONFIRM, null));
        assertThat(w.take()).extracting(Message::type).containsExactly(MessageType.ERROR);
        assertThat(j.entries).extracting(JournalEntry::address, JournalEntry::signal).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/g", SignalType.GESTURE), org.assertj.core.groups.Tuple.tuple("/g", SignalType.GESTURE));
    }

    @Test void theJournalCanGoAndComeBackWhileTheRouterRuns() {
        ListJournal j = journalled();
        TestClient w = client();
        w.send(new SetMessage("/x", Value.of(1L)));
        router.unbindJournal(j);
        w.send(new SetMessage("/x", Value.of(2L)));
        w.take();
        w.send(replay("/x", null, null, null, Set.of()));
        assertThat(w.take()).extracting(m -> ((ErrorMessage) m).code()).containsExactly(501);
        router.bindJournal(j);
        w.send(new SetMessage("/x", Value.of(3L)));
        w.take();
        assertThat(j.entries).extracting(e -> value(e.message())).containsExactly(1L, 3L);
        assertThat(router.store().journal()).isEqualTo("2 entries in a list");
    }

    private static Long value(Message m) {
        Value v = m instanceof SetMessage s ? s.value() : ((PublishMessage) m).value();
        return ((clasp.api.IntValue) v).value();
    }
}
