package clasp.client.internal;

import clasp.api.SignalType;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.SubscribeOptions;
import clasp.client.UpdateListener;
import java.util.Set;

/** One subscription: what is sent (again after every reconnect) and who hears what matches it. */
public final class Sub {
    final long id;
    final String pattern;
    final Set<SignalType> types;
    final SubscribeOptions options;
    final UpdateListener listener;
    private final SegmentPattern matcher;
    /** False once unsubscribed: updates already queued for the listener are then skipped. */
    volatile boolean active = true;

    Sub(long id, String pattern, Set<SignalType> types, SubscribeOptions options, UpdateListener listener) {
        this.id = id;
        this.pattern = pattern;
        this.types = Set.copyOf(types);
        this.options = options;
        this.listener = listener;
        this.matcher = new SegmentPattern(pattern);
    }

    public long id() { return id; }

    public String pattern() { return pattern; }

    SubscribeMessage message() { return new SubscribeMessage(id, pattern, types, options); }

    boolean wants(String address, SignalType signal) {
        return (types.isEmpty() || types.contains(signal)) && matcher.matches(address);
    }
}
