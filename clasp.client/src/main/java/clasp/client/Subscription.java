package clasp.client;

import clasp.client.internal.Sub;
import java.util.concurrent.CompletableFuture;

/** A subscription in place (and put in place again after every reconnect) until {@link #unsubscribe()}. */
public final class Subscription {
    private final ClaspClient client;
    final Sub sub;

    Subscription(ClaspClient client, Sub sub) {
        this.client = client;
        this.sub = sub;
    }

    /** The id the client gave it (1, 2, … per client, never reused), as sent in SUBSCRIBE. */
    public long id() { return sub.id(); }

    public String pattern() { return sub.pattern(); }

    /** Stops delivery to the listener at once and tells the router. */
    public CompletableFuture<Void> unsubscribe() { return client.unsubscribe(this); }

    @Override public String toString() { return "Subscription[" + id() + " " + pattern() + "]"; }
}
