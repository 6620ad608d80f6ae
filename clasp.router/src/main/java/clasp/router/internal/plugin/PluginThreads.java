package clasp.router.internal.plugin;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names every thread the router starts {@code clasp-router-…}, so that leak checks can find them. */
public final class PluginThreads {
    private PluginThreads() { }

    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A thread name part from an instance id: letters, digits, '-', '_' and '.' kept, the rest '_'. */
    public static String safe(String id) { return id.replaceAll("[^A-Za-z0-9._-]", "_"); }
}
