package clasp.bench.load;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code sessions} idle clients, each through its handshake (CLASP HELLO/WELCOME, MQTT CONNECT/CONNACK), held open
 * for {@code holdSeconds}. Memory per session is the growth from a baseline taken after a warm-up round of
 * {@code WARMUP} sessions was opened and closed: heap after full GC (JVM brokers only) and resident set size.
 * The sessions are then closed and opened again, {@code rounds - 1} more times, to tell the CPU of a warm handshake
 * (the last round's) from the first round's, which includes the JIT compiling the handshake path.
 */
final class IdleWorkload implements Workload {
    private static final int WARMUP = 200;
    private static final int SETTLE_SECONDS = 2;

    private final int sessions;
    private final int holdSeconds;
    private final int concurrency;
    private final int rounds;

    IdleWorkload(int sessions, int holdSeconds, int concurrency, int rounds) {
        if (rounds < 2) throw new IllegalArgumentException("--idle-rounds must be at least 2");
        this.rounds = rounds;
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
        Clients.closeAll(open(broker, net, WARMUP, new CpuMeter(pid)));
        ChildProcess.sleep(SETTLE_SECONDS * 1000L);
        JvmHeap.Heap heapBefore = broker.isJvm() ? JvmHeap.afterFullGc(pid) : null;
        long rssBefore = Proc.rssKb(pid);
        String loadBefore = Proc.loadAverage();

        CpuMeter firstRound = new CpuMeter(pid);
        List<PubSubClient> clients = open(broker, net, sessions, firstRound);
        long open, rssAfter;
        JvmHeap.Heap heapAfter;
        CpuMeter idle = new CpuMeter(pid);
        try {
            ChildProcess.sleep(SETTLE_SECONDS * 1000L);
            idle.start();
            ChildProcess.sleep(holdSeconds * 1000L);
            idle.stop();
            open = Clients.countOpen(clients);
            rssAfter = Proc.rssKb(pid);
            heapAfter = broker.isJvm() ? JvmHeap.afterFullGc(pid) : null;
        } finally {
            Clients.closeAll(clients);
        }
        CpuMeter lastRound = null;
        for (int round = 2; round <= rounds; round++) {
            ChildProcess.sleep(SETTLE_SECONDS * 1000L);
            lastRound = new CpuMeter(pid);
            Clients.closeAll(open(broker, net, sessions, lastRound));
        }

        boolean jvm = heapBefore != null;
        double heapGrowth = jvm ? heapAfter.usedKb() - heapBefore.usedKb() : Double.NaN;
        return new Result(name(), broker.name())
                .put("sessions opened", sessions, 0)
                .put("sessions still open after the hold", open, 0)
                .put("handshakes/s, first round", sessions / firstRound.seconds(), 0)
                .put("broker CPU per handshake, first round (µs)", (double) firstRound.brokerMicros() / sessions, 1)
                .put("broker CPU in JIT compiler threads, first round (% of it)", firstRound.brokerJitPercent(), 1)
                .put("broker CPU per handshake, round " + rounds + " (µs)", (double) lastRound.brokerMicros() / sessions, 1)
                .put("broker CPU in JIT compiler threads, round " + rounds + " (% of it)", lastRound.brokerJitPercent(), 1)
                .put("broker CPU per handshake, round " + rounds + ", JIT compilation left out (µs)",
                        (double) lastRound.brokerMicrosWithoutJit() / sessions, 1)
                .put("broker CPU while idle (% of a core)", idle.brokerPercent(), 2)
                .put("other processes' CPU, kernel threads included, first round (% of a core)", firstRound.othersPercent(), 1)
                .put("heap used after full GC, baseline (MiB)", jvm ? heapBefore.usedKb() / 1024.0 : Double.NaN, 1)
                .put("heap used after full GC, growth (MiB)", heapGrowth / 1024.0, 1)
                .put("heap committed, growth (MiB)", jvm ? (heapAfter.committedKb() - heapBefore.committedKb()) / 1024.0 : Double.NaN, 1)
                .put("heap per session (bytes)", heapGrowth * 1024.0 / sessions, 0)
                .put("RSS, baseline (MiB)", rssBefore / 1024.0, 1)
                .put("RSS, growth (MiB)", (rssAfter - rssBefore) / 1024.0, 1)
                .put("RSS per session (bytes)", (rssAfter - rssBefore) * 1024.0 / sessions, 0)
                .note("load average before " + loadBefore + ", after " + Proc.loadAverage());
    }

    /** Opens {@code count} sessions, measuring the broker's CPU over the handshakes. */
    private List<PubSubClient> open(Broker broker, ClientNet net, int count, CpuMeter cpu) throws Exception {
        System.err.printf("   opening %,d sessions%n", count);
        cpu.start();
        List<PubSubClient> clients = Clients.open(i -> broker.client(net, Probe.Sink.NONE), count, concurrency);
        cpu.stop();
        return clients;
    }
}
