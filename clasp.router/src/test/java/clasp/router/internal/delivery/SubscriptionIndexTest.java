package clasp.router.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.SignalType;
import clasp.api.message.Message;
import clasp.protocol.match.SegmentMatcher;
import clasp.router.internal.session.Session;
import clasp.router.internal.session.SessionSubscription;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The index finds exactly the subscriptions the M1 matcher would, each once, and forgets what is removed. */
class SubscriptionIndexTest {
    private static final String[] SEGMENTS = {"a", "b", "c", "zone5", "zone51", "", "**", "*", "zone5*", "*b", "x"};
    private static final String[] ADDRESS_SEGMENTS = {"a", "b", "c", "zone5", "zone51", "zone", "", "x", "ab"};

    private static final class Plain extends Session {
        Plain() { super("s"); }
        @Override public boolean isOpen() { return true; }
        @Override public boolean echoes() { return true; }
        @Override public boolean needsFrame() { return false; }
        @Override public void deliver(Message message, ByteBuf frame, List<SessionSubscription> matched) { }
        @Override public void reply(Message message) { }
    }

    private static String path(Random r, String[] from, int max) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(max);
        for (int i = 0; i < n; i++) b.append('/').append(from[r.nextInt(from.length)]);
        return b.toString();
    }

    @Test void matchesExactlyWhatTheSegmentMatcherMatches() {
        Random r = new Random(16);
        SubscriptionIndex index = new SubscriptionIndex();
        Session session = new Plain();
        List<SessionSubscription> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            SessionSubscription s = new SessionSubscription(session, i, path(r, SEGMENTS, 4), Set.of(), null);
            all.add(s);
            index.add(s);
        }
        all.add(new SessionSubscription(session, 1000, "/", Set.of(), null));
        index.add(all.get(all.size() - 1));
        for (int i = 0; i < 3000; i++) {
            String address = i == 0 ? "/" : path(r, ADDRESS_SEGMENTS, 5);
            String[] parts = SegmentMatcher.split(address);
            Set<SessionSubscription> expected = new HashSet<>();
            for (SessionSubscription s : all) if (s.accepts(address, parts, null)) expected.add(s);
            List<SessionSubscription> found = index.match(address, parts, null);
            assertThat(found).as(address).doesNotHaveDuplicates();
            assertThat(new HashSet<>(found)).as(address).isEqualTo(expected);
        }
    }

    @Test void typeFiltersApplyAndRemovalPrunes() {
        SubscriptionIndex index = new SubscriptionIndex();
        Session session = new Plain();
        SessionSubscription events = new SessionSubscription(session, 1, "/a/**", Set.of(SignalType.EVENT), null);
        SessionSubscription all = new SessionSubscription(session, 2, "/a/*", Set.of(), null);
        index.add(events);
        index.add(all);
        String[] parts = SegmentMatcher.split("/a/b");
        assertThat(index.match("/a/b", parts, SignalType.PARAM)).containsExactly(all);
        assertThat(index.match("/a/b", parts, SignalType.EVENT)).containsExactlyInAnyOrder(events, all);
        index.remove(all);
        index.remove(events);
        index.remove(events);   // twice: harmless
        assertThat(index.size()).isZero();
        assertThat(index.match("/a/b", parts, null)).isEmpty();
    }
}
