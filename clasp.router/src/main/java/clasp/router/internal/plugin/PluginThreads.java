package clasp.router.internal.plugin;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names every thread the router starts {@code clasp-router-…}, so that leak checks can find them. The threads join
 * the thread group of whoever made the factory (the router), not of whichever thread happens to make a pool grow:
 * a bridge's thread calling into the router (e.g. Paho's, grouped as {@code clasp-bridge-mqtt-<id>}) would otherwise
 * lend its group to router threads that outlive the bridge.
 */
public final class PluginThreads {
    private PluginThreads() { }

    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        return r -> {
            Thread t = new Thread(group, r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
