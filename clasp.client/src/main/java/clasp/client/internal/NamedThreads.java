package clasp.client.internal;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;

/** Daemon threads with one exact name each ({@code clasp-client-<name>-io}, {@code …-callbacks}). */
final class NamedThreads implements ThreadFactory {
    private final String name;

    NamedThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new FastThreadLocalThread(r, name);
        t.setDaemon(true);
        return t;
    }
}
