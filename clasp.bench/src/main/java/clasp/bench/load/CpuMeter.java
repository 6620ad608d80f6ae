package clasp.bench.load;

/**
 * CPU time used by the broker, by this client process and by everything else on the machine (the noise) between
 * {@link #start()} and {@link #stop()}.
 */
public final class CpuMeter {
    private final long brokerPid;
    private long broker0, brokerSystem0, jit0, client0, machine0, wall0;
    private long brokerMicros, brokerSystemMicros, jitMicros, clientMicros, machineMicros, wallNanos;

    public CpuMeter(long brokerPid) { this.brokerPid = brokerPid; }

    public void start() {
        wall0 = System.nanoTime();
        broker0 = Proc.cpuMicros(brokerPid);
        brokerSystem0 = Proc.systemMicros(brokerPid);
        jit0 = Proc.jitMicros(brokerPid);
        client0 = Proc.cpuMicros(Proc.self());
        machine0 = Proc.machineBusyMicros();
    }

    public void stop() {
        brokerMicros = Proc.cpuMicros(brokerPid) - broker0;
        brokerSystemMicros = Proc.systemMicros(brokerPid) - brokerSystem0;
        jitMicros = Proc.jitMicros(brokerPid) - jit0;
        clientMicros = Proc.cpuMicros(Proc.self()) - client0;
        machineMicros = Proc.machineBusyMicros() - machine0;
        wallNanos = System.nanoTime() - wall0;
    }

    long brokerMicros() { return brokerMicros; }
    long clientMicros() { return clientMicros; }

    /** The broker's CPU time without its JIT compiler threads' (the same for a native broker). */
    long brokerMicrosWithoutJit() { return brokerMicros - jitMicros; }

    /** The share of the broker's CPU time spent compiling (JIT compiler threads), in percent. */
    double brokerJitPercent() { return brokerMicros == 0 ? Double.NaN : 100.0 * jitMicros / brokerMicros; }

    /** The share of the broker's CPU time spent in the kernel (system time), in percent. */
    double brokerSystemPercent() { return brokerMicros == 0 ? Double.NaN : 100.0 * brokerSystemMicros / brokerMicros; }
    double seconds() { return wallNanos / 1e9; }

    /** Broker CPU as a share of one core, in percent. */
    public double brokerPercent() { return 100.0 * brokerMicros / (wallNanos / 1e3); }
    double clientPercent() { return 100.0 * clientMicros / (wallNanos / 1e3); }

    /** CPU used by all other processes, as a share of one core in percent (the machine has nproc × 100 %). */
    double othersPercent() { return Math.max(0, 100.0 * (machineMicros - brokerMicros - clientMicros) / (wallNanos / 1e3)); }
}
