package clasp.router.internal.stream;

import clasp.api.message.Message;
import clasp.router.internal.session.SessionSubscription;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a delivery asks the stream options of one session's matching subscriptions. Each subscription with options
 * applies its own policy; one without lets everything through. The session gets the message once, now, if any of
 * them lets it through; what a subscription held back it still sends at its own trailing edge or window, so such a
 * session may get a value a second time (its client matches every frame against all its patterns anyway).
 */
public final class StreamGate {
    private StreamGate() { }

    /** The subscriptions among {@code subs} (one session's) that let {@code m} through now: {@code subs} itself when none has a policy. */
    public static List<SessionSubscription> admit(List<SessionSubscription> subs, Message m, String address, long nowMicros) {
        int n = subs.size();
        if (n == 1) {
            StreamPolicy p = subs.get(0).policy;
            return p == null || p.offer(m, address, nowMicros) ? subs : List.of();
        }
        int i = 0;
        while (i < n && subs.get(i).policy == null) i++;
        if (i == n) return subs;
        List<SessionSubscription> out = new ArrayList<>(n);
        for (SessionSubscription s : subs) if (s.policy == null || s.policy.offer(m, address, nowMicros)) out.add(s);
        return out;
    }
}
