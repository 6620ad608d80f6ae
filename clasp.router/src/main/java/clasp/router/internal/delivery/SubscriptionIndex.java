package clasp.router.internal.delivery;

import clasp.protocol.match.SegmentMatcher;
import clasp.router.internal.session.SessionSubscription;

import clasp.api.SignalType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every subscription of every session, in a trie keyed by pattern segments, so that fan-out visits only the
 * subscriptions whose literal segments fit the address: a SET that matches 10 of 10,000 subscribed sessions
 * costs about what it costs with 10. A literal segment is a child by name; {@code *} and partial wildcards
 * ({@code zone5*}) share one any-segment child, {@code **} a rest child that takes zero or more segments. The trie
 * only narrows: every candidate is confirmed by its own {@link SegmentMatcher} (M1) and type filter.
 *
 * <p>Threads: {@link #add} and {@link #remove} are serialised by this object's monitor (subscribe and unsubscribe
 * are rare); {@link #match} takes no lock and sees each node's subscriptions as one immutable array.
 */
public final class SubscriptionIndex {
    private static final SessionSubscription[] NONE = {};

    private static final class Node {
        final Map<String, Node> literal = new ConcurrentHashMap<>(4);
        volatile Node any;
        volatile Node rest;
        volatile SessionSubscription[] here = NONE;

        boolean empty() { return here.length == 0 && literal.isEmpty() && any == null && rest == null; }
    }

    private final Node root = new Node();
    private int size;   // guarded by this

    static String[] segments(String pattern) {
        return (pattern.startsWith("/") ? pattern.substring(1) : pattern).split("/", -1);
    }

    public synchronized void add(SessionSubscription s) {
        Node n = root;
        for (String seg : segments(s.pattern())) {
            if (seg.equals("**")) {
                if (n.rest == null) n.rest = new Node();
                n = n.rest;
            } else if (seg.indexOf('*') >= 0) {
                if (n.any == null) n.any = new Node();
                n = n.any;
            } else {
                n = n.literal.computeIfAbsent(seg, k -> new Node());
            }
        }
        SessionSubscription[] cur = n.here;
        SessionSubscription[] next = Arrays.copyOf(cur, cur.length + 1);
        next[cur.length] = s;
        n.here = next;
        size++;
    }

    /** Removes exactly {@code s} (by identity), pruning nodes left empty. */
    public synchronized void remove(SessionSubscription s) {
        String[] segs = segments(s.pattern());
        Node[] path = new Node[segs.length + 1];
        path[0] = root;
        for (int i = 0; i < segs.length; i++) {
            Node n = child(path[i], segs[i]);
            if (n == null) return;
            path[i + 1] = n;
        }
        Node leaf = path[segs.length];
        SessionSubscription[] cur = leaf.here;
        int at = -1;
        for (int i = 0; i < cur.length && at < 0; i++) if (cur[i] == s) at = i;
        if (at < 0) return;
        SessionSubscription[] next = new SessionSubscription[cur.length - 1];
        System.arraycopy(cur, 0, next, 0, at);
        System.arraycopy(cur, at + 1, next, at, cur.length - at - 1);
        leaf.here = next.length == 0 ? NONE : next;
        size--;
        for (int i = segs.length; i > 0 && path[i].empty(); i--) unlink(path[i - 1], segs[i - 1]);
    }

    private static Node child(Node n, String seg) {
        if (seg.equals("**")) return n.rest;
        if (seg.indexOf('*') >= 0) return n.any;
        return n.literal.get(seg);
    }

    private static void unlink(Node parent, String seg) {
        if (seg.equals("**")) parent.rest = null;
        else if (seg.indexOf('*') >= 0) parent.any = null;
        else parent.literal.remove(seg);
    }

    public synchronized int size() { return size; }

    /**
     * Every subscription that takes a message of {@code type} (null: any filter passes) at {@code address}, each
     * once; {@code parts} is {@link SegmentMatcher#split}{@code (address)}.
     */
    public List<SessionSubscription> match(String address, String[] parts, SignalType type) {
        List<Node> reached = new ArrayList<>(4);
        visit(root, parts, 0, reached);
        List<SessionSubscription> out = new ArrayList<>();
        for (Node n : reached) {
            for (SessionSubscription s : n.here) if (s.accepts(address, parts, type)) out.add(s);
        }
        return out;
    }

    /** Collects the nodes whose pattern prefix can take all of {@code parts}, having consumed {@code parts[0..i)}. */
    private static void visit(Node n, String[] parts, int i, List<Node> reached) {
        Node rest = n.rest;
        if (rest != null) {
            for (int j = i; j <= parts.length; j++) visit(rest, parts, j, reached);
        }
        if (i == parts.length) {
            if (n.here.length > 0 && !contains(reached, n)) reached.add(n);
            return;
        }
        Node lit = n.literal.get(parts[i]);
        if (lit != null) visit(lit, parts, i + 1, reached);
        Node any = n.any;
        if (any != null) visit(any, parts, i + 1, reached);
    }

    private static boolean contains(List<Node> nodes, Node n) {
        for (Node m : nodes) if (m == n) return true;
        return false;
    }
}
