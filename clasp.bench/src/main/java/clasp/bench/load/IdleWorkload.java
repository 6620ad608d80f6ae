package clasp.bench.load;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code sessions} idle clients, each through its handshake (CLASP HELLO/WELCOME, MQTT CONNECT/CONNACK), held open
 * for {@code holdSeconds}. Memory per session is the growth from a baseline taken after a warm-up round of
 * {@code WARMUP} sessions was opened and closed: heap after full GC (JVM brokers only) and resident set size.
 */
final class IdleWorkload implements Workload {
    private static final int WARMUP = 200;
    private static final int SETTLE_SECONDS = 2;

    private final int sessions;
    private final int holdSeconds;
    private final int concurrency;

    IdleWorkload(int sessions, int holdSeconds, int concurrency) {
        this.sessions = sessions;
        this.holdSeconds = holdSeconds;
        this.concurrency = concurrency;
    }

    @Override
    public String name() {
        return "idle (" + String.format("%,d", sessions) + " sessions, " + holdSeconds + " s held, " + concurrency + " handshakes at once)";
    }

    @Override
    public Result run(Broker broker, ClientNet net, Path dir) throws Exception {
        long pid = broker.pid();
        Clients.closeAll(Clients.open(i -> broker.client(net, Probe.Sink.NONE), WARMUP, concurrency));
        ChildProcess.sleep(SETTLE_SECONDS * 1000L);
        long heapBefore = broker.isJvm() ? JvmHeap.usedAfterFullGcKb(pid) : -1;
        long rssBefore = Proc.rssKb(pid);
        String loadBefore = Proc.loadAverage();

        CpuMeter connecting = new CpuMeter(pid);
        connecting.start();
        List<PubSubClient> clients = Clients.open(i -> broker.client(net, Probe.Sink.NONE), sessions, concurrency);
        connecting.stop();
        try {
            ChildProcess.sleep(SETTLE_SECONDS * 1000L);
            CpuMeter idle = new CpuMeter(pid);
            idle.start();
            ChildProcess.sleep(holdSeconds * 1000L);
            idle.stop();
            long open = Clients.countOpen(clients);
            long rssAfter = Proc.rssKb(pid);
            long heapAfter = broker.isJvm() ? JvmHeap.usedAfterFullGcKb(pid) : -1;
            Result r = new Result(name(), broker.name())
                    .put("sessions opened", sessions, 0)
                    .put("sessions still open after the hold", open, 0)
                    .put("handshakes/s", sessions / connecting.seconds(), 0)
                    .put("broker CPU per handshake (µs)", (double) connecting.brokerMicros() / sessions, 1)
                    .put("broker CPU while idle (% of a core)", idle.brokerPercent(), 2)
                    .put("heap after full GC, baseline (MiB)", broker.isJvm() ? heapBefore / 1024.0 : Double.NaN, 1)
                    .put("heap after full GC, growth (MiB)", broker.isJvm() ? (heapAfter - heapBefore) / 1024.0 : Double.NaN, 1)
                    .put("heap per session (bytes)", broker.isJvm() ? (heapAfter - heapBefore) * 1024.0 / sessions : Double.NaN, 0)
                    .put("RSS, baseline (MiB)", rssBefore / 1024.0, 1)
                    .put("RSS, growth (MiB)", (rssAfter - rssBefore) / 1024.0, 1)
                    .put("RSS per session (bytes)", (rssAfter - rssBefore) * 1024.0 / sessions, 0);
            return r.note("load average before " + loadBefore + ", after " + Proc.loadAverage());
        } finally {
            Clients.closeAll(clients);
        }
    }
}
