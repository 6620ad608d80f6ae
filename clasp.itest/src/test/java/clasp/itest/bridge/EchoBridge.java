package clasp.itest.bridge;

import clasp.api.Value;
import clasp.api.bridge.Bridge;
import clasp.api.bridge.BridgeContext;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.PluginState;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The test bridge that HotSwapIT installs, updates and removes as a bundle of its own (built at test time, see
 * {@code TestBundles}): it subscribes to {@value #FADER} and writes every value it gets to {@link #echoAddress()}
 * from a worker thread of its own, {@code clasp-bridge-echo-<id>-worker}, which {@link #close} stops and joins.
 * Each build subclasses it with a DS component of its own.
 */
public abstract class EchoBridge implements Bridge {
    /** The factory PID of echo bridge instances, in every build. */
    public static final String PID = "clasp.itest.echo";
    /** The protocol service property of every echo bridge. */
    public static final String PROTOCOL = "echo";
    /** What the bridge listens to. */
    public static final String FADER = "/it/fader";
    /** The name of an instance's worker thread. */
    public static String workerName(String id) {
        return "clasp-bridge-" + PROTOCOL + "-" + id + "-worker";
    }

    private volatile ExecutorService worker;

    /** Where this build writes the echo. */
    protected abstract String echoAddress();

    @Override
    public void open(BridgeContext context) throws Exception {
        String name = workerName(context.id());
        ExecutorService w = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
        worker = w;
        context.session().subscribe(FADER, Set.of(), message -> {
            if (message instanceof SetMessage) {
                Value value = ((SetMessage) message).value();
                try {
                    w.execute(() -> echo(context, value));
                } catch (RejectedExecutionException closing) {
                    // close() has begun: nothing more is echoed
                }
            }
        });
        context.status(PluginState.ONLINE, "echoing " + FADER + " to " + echoAddress());
    }

    private void echo(BridgeContext context, Value value) {
        try {
            context.session().set(echoAddress(), value);
        } catch (ClaspException e) {
            context.status(PluginState.OFFLINE, "cannot write " + echoAddress() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        ExecutorService w = worker;
        if (w == null) return;
        w.shutdownNow();
        try {
            w.awaitTermination(Bridge.CLOSE_TIMEOUT_MS / 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
