package clasp.bridge.mqtt.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Paho runs one instance's connection on. Paho renames them ({@code MQTT Rec: <clientId>}, ...), so
 * they also belong to a {@link ThreadGroup} named {@code clasp-bridge-mqtt-<id>}: a leak check matches the name or
 * the group. Paho keeps its receiver, sender and callback loops on them for as long as a connection lasts, besides
 * connect, disconnect and ping tasks, hence more than one or two threads.
 */
final class PahoThreads {
    private static final int THREADS = 8;

    private PahoThreads() { }

    static String prefix(String bridgeId) {
        return "clasp-bridge-mqtt-" + bridgeId;
    }

    static ScheduledThreadPoolExecutor executor(String bridgeId) {
        ThreadGroup group = new ThreadGroup(prefix(bridgeId));
        AtomicInteger next = new AtomicInteger(1);
        ThreadFactory factory = task -> {
            Thread t = new Thread(group, task, prefix(bridgeId) + "-paho-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(THREADS, factory);
        executor.setKeepAliveTime(30, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Stops the executor, interrupting what still runs, and waits a bounded time for its threads to end. */
    static void stop(ScheduledThreadPoolExecutor executor, long waitMs) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
