package clasp.bench.load;

import clasp.api.QoS;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * What keeping params on disk costs: the CLASP runtime ({@code clasp.jar}) three ways, each freshly started in its own
 * folder: <b>memory</b> (the store bundle and H2 left out of the launch: bnd's launcher takes {@code launch.bundles}
 * from a system property, so the runtime starts with the jar's list minus {@code clasp.store.mvstore} and H2, and the
 * router keeps params in its in-memory store), <b>default</b> (the store as shipped: committed every 100 ms by its
 * own thread), <b>nojournal</b> (the same with {@code journal=false}) and <b>durable</b> ({@code durable=true} in {@code etc/clasp.store.mvstore.cfg}; SETs at QoS Commit,
 * each ACKed once a group commit has it on disk). Per mode, on one WebSocket connection written by hand
 * ({@link SetStream}), round-robin over {@code addresses} params:
 * <ul>
 *   <li><b>max</b>: SETs as fast as the connection takes them (TCP back-pressure only): ACKs per second over the
 *   measured seconds, after a warm-up;</li>
 *   <li><b>paced</b>: {@code rate} SETs a second (in durable mode first at {@code durable-rate}): ACK latency (SET
 *   written → ACK read, on this JVM's clock) p50, p99, p99.9 and max, and the runtime's CPU time per ACKed SET.</li>
 * </ul>
 * The paced phases come first: a flat-out phase leaves a backlog that the router works through after its client left.
 * Then <b>restart</b>: {@code params} params written in default mode, SIGTERM, and {@code restarts} starts on that
 * folder, each timed from the command's start to the first WebSocket upgrade, with the store's own figure from its
 * "opened ... in X ms" line; next to it the same start of the memory-only runtime (nothing to load).
 *
 * <pre>java -cp clasp-bench.jar clasp.bench.load.StoreLoad [--modes memory,default,nojournal,durable] [--addresses 300]
 *     [--warmup 5] [--measure 10] [--rate 5000] [--durable-rate 200] [--params 100000] [--restarts 3] [--clasp-jar clasp.runtime/target/clasp.jar]</pre>
 */
public final class StoreLoad {
    private static final Pattern OPENED = Pattern.compile("clasp\\.store\\.mvstore: opened (\\S+): (\\d+) params.* in (\\d+) ms");

    private StoreLoad() { }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        List<String> modes = o.getList("modes", "memory,default,nojournal,durable");
        int addresses = o.getInt("addresses", 300);
        int warmup = o.getInt("warmup", 5);
        int measure = o.getInt("measure", 10);
        int rate = o.getInt("rate", 5000);
        int durableRate = o.getInt("durable-rate", 200);
        int params = o.getInt("params", 100_000);
        int restarts = o.getInt("restarts", 3);
        Path jar = Path.of(o.get("clasp-jar", "clasp.runtime/target/clasp.jar")).toAbsolutePath();
        Path out = Files.createTempDirectory("clasp-store-");
        String started = ZonedDateTime.now().toString();
        String load = Proc.loadAverage();
        List<String> rows = new ArrayList<>();
        try (ClientNet net = new ClientNet(1)) {
            for (String mode : modes) {
                QoS qos = mode.equals("durable") ? QoS.COMMIT : QoS.CONFIRM;
                try (ClaspRuntimeBroker runtime = start(mode, jar, out.resolve(mode), net)) {
                    int port = runtime.uri().getPort();
                    // paced first: a flat-out phase leaves a backlog the router works through after its client went
                    if (mode.equals("durable")) rows.add(pacedPhase(mode, qos, runtime, port, addresses, durableRate, warmup, measure));
                    rows.add(pacedPhase(mode, qos, runtime, port, addresses, rate, warmup, measure));
                    rows.add(maxPhase(mode, qos, port, addresses, warmup, measure));
                }
            }
            List<String> restartRows = restarts > 0 ? restart(jar, out, net, params, restarts) : List.of();   // --restarts 0: none
            System.out.printf("Store load, started %s, load average at start %s, %d cores; logs in %s%n%n", started, load,
                    Runtime.getRuntime().availableProcessors(), out);
            System.out.println("| mode | phase | SETs/s offered | ACKs/s | ACK latency p50 / p99 / p99.9 / max (µs) | runtime CPU per SET (µs) | runtime CPU % (one core = 100) | errors |");
            System.out.println("|---|---|---:|---:|---|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.out.println();
            System.out.println("| restart | runs | to the first WebSocket upgrade, median (min–max) ms | the store's own open, median (min–max) ms | params loaded |");
            System.out.println("|---|---:|---|---|---:|");
            restartRows.forEach(System.out::println);
            System.out.println("\n* load average " + load + " before, " + Proc.loadAverage() + " after");
        }
    }

    /** The runtime in {@code mode}, ready: its router configured and, with a store configuration, the store reopened with it. */
    private static ClaspRuntimeBroker start(String mode, Path jar, Path dir, ClientNet net) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("clasp.discovery.cfg"), "mdns=false\nbroadcast=false\n");
        List<String> jvmArgs = new ArrayList<>();
        switch (mode) {
            case "memory" -> jvmArgs.add("-Dlaunch.bundles=" + launchBundlesWithoutStore(jar));
            case "durable" -> Files.writeString(etc.resolve("clasp.store.mvstore.cfg"), "durable=true\n");
            case "nojournal" -> Files.writeString(etc.resolve("clasp.store.mvstore.cfg"), "journal=false\n");
            case "default" -> { }
            default -> throw new IllegalArgumentException("unknown mode " + mode + " (memory, default, nojournal, durable)");
        }
        ClaspRuntimeBroker runtime = ClaspRuntimeBroker.start(jar, jvmArgs, 100, 0, "ws", dir, net);
        ChildProcess.sleep(1000);   // the last bundles (shell, discovery) start after the listener opens
        String log = Files.readString(dir.resolve("broker.log"));
        int opened = (int) OPENED.matcher(log).results().count();
        if (mode.equals("memory") && opened != 0) throw new IllegalStateException("the memory-only runtime opened a store:\n" + log);
        if (mode.equals("default") && opened != 1) throw new IllegalStateException("the store did not open once:\n" + log);
        if (mode.equals("durable") || mode.equals("nojournal")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // the store opens with its defaults at start level 3, then again once fileinstall applied its file
            while (OPENED.matcher(Files.readString(dir.resolve("broker.log"))).results().count() < 2) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the store did not reopen with its file (" + mode + ")");
                ChildProcess.sleep(100);
            }
        }
        return runtime;
    }

    /** The jar's launch.bundles without the store and H2. */
    static String launchBundlesWithoutStore(Path jar) throws IOException {
        Properties launcher = new Properties();
        try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry("launcher.properties"))) {
            launcher.load(in);
        }
        String all = launcher.getProperty("launch.bundles");
        String without = Arrays.stream(all.split(","))
                .filter(entry -> !entry.contains("clasp.store.mvstore") && !entry.matches(".*/h2-[^/]*\\.jar"))
                .collect(Collectors.joining(","));
        if (without.split(",").length != all.split(",").length - 2) {
            throw new IllegalStateException("expected the store and H2 in launch.bundles: " + all);
        }
        return without;
    }

    private static String maxPhase(String mode, QoS qos, int port, int addresses, int warmup, int measure) throws Exception {
        try (SetStream stream = new SetStream(port, "/store-load/max", addresses, 0, qos)) {
            ChildProcess.sleep(TimeUnit.SECONDS.toMillis(warmup));
            long acks0 = stream.acks();
            long t0 = System.nanoTime();
            ChildProcess.sleep(TimeUnit.SECONDS.toMillis(measure));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double perSecond = (stream.acks() - acks0) / seconds;
            System.err.printf("%s max: %.0f ACKs/s%n", mode, perSecond);
            return String.format("| %s (%s) | max | as fast as taken | %.0f | | | | %d |", mode, qos, perSecond, stream.errors());
        }
    }

    private static String pacedPhase(String mode, QoS qos, ClaspRuntimeBroker runtime, int port, int addresses, int rate,
                                     int warmup, int measure) throws Exception {
        try (SetStream stream = new SetStream(port, "/store-load/paced", addresses, rate, qos)) {
            ChildProcess.sleep(TimeUnit.SECONDS.toMillis(warmup));
            CpuMeter cpu = new CpuMeter(runtime.pid());
            long acks0 = stream.acks();
            stream.record(true);
            cpu.start();
            ChildProcess.sleep(TimeUnit.SECONDS.toMillis(measure));
            cpu.stop();
            stream.record(false);
            long acked = stream.acks() - acks0;
            Histogram h = stream.latency();
            System.err.printf("%s paced %d/s: %d ACKs, p50 %d µs%n", mode, rate, acked, h.getValueAtPercentile(50) / 1000);
            return String.format("| %s (%s) | %d/s | %d | %.0f | %d / %d / %d / %d | %.1f | %.0f | %d |", mode, qos, rate, rate,
                    acked / cpu.seconds(), micros(h, 50), micros(h, 99), micros(h, 99.9), h.getMaxValue() / 1000,
                    acked == 0 ? Double.NaN : (double) cpu.brokerMicros() / acked, cpu.brokerPercent(), stream.errors());
        }
    }

    private static long micros(Histogram h, double percentile) { return h.getValueAtPercentile(percentile) / 1000; }

    /** Writes {@code params} params in default mode, stops, and times {@code restarts} starts on the folder; then the memory-only runtime's. */
    private static List<String> restart(Path jar, Path out, ClientNet net, int params, int restarts) throws Exception {
        Path dir = out.resolve("restart");
        int port;
        try (ClaspRuntimeBroker runtime = start("default", jar, dir, net)) {
            port = runtime.uri().getPort();
            try (SetStream writer = new SetStream(port, "/restart", params, 0, QoS.CONFIRM).limit(params)) {
                writer.awaitAnswered(600);
                if (writer.acks() != params) throw new IllegalStateException(writer.acks() + " of " + params + " SETs ACKed");
            }
        }
        List<long[]> withStore = new ArrayList<>();
        for (int i = 0; i < restarts; i++) withStore.add(timedStart(jar, dir, port, List.of(), i));
        Path bare = Files.createDirectories(out.resolve("restart-memory"));
        Files.createDirectories(bare.resolve("etc"));
        Files.copy(dir.resolve("etc").resolve("clasp.transport.websocket-default.cfg"),
                bare.resolve("etc").resolve("clasp.transport.websocket-default.cfg"));
        List<long[]> memory = new ArrayList<>();
        for (int i = 0; i < restarts; i++) {
            memory.add(timedStart(jar, bare, port, List.of("-Dlaunch.bundles=" + launchBundlesWithoutStore(jar)), i));
        }
        return List.of(
                String.format("| with the store, %d params | %d | %s | %s | %d |", params, restarts, spread(withStore, 0),
                        spread(withStore, 1), withStore.get(0)[2]),
                String.format("| memory only (no store bundle) | %d | %s | | 0 |", restarts, spread(memory, 0)));
    }

    /** One start on {@code dir}: {ms to the first upgrade, the store's open ms or -1, params loaded}; then SIGTERM. */
    private static long[] timedStart(Path jar, Path dir, int port, List<String> jvmArgs, int run) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-Dclasp.headless=true", "-jar", jar.toString()));
        Path log = dir.resolve("restart-" + run + ".log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(120);
            while (!StartupTimer.upgrades(port)) {
                if (!p.isAlive()) throw new IllegalStateException("exited with " + p.exitValue() + ", see " + log);
                if (System.nanoTime() > deadline) throw new IllegalStateException("no upgrade within 120 s, see " + log);
                Thread.sleep(5);
            }
            long upgraded = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Matcher m = OPENED.matcher(Files.readString(log));
            long[] t = m.find() ? new long[] {upgraded, Long.parseLong(m.group(3)), Long.parseLong(m.group(2))} : new long[] {upgraded, -1, 0};
            System.err.printf("start %d in %s: upgrade after %d ms, store open %d ms, %d params%n", run, dir.getFileName(), t[0], t[1], t[2]);
            return t;
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        }
    }

    private static String spread(List<long[]> runs, int index) {
        long[] v = runs.stream().mapToLong(t -> t[index]).sorted().toArray();
        return v[v.length / 2] + " (" + v[0] + "–" + v[v.length - 1] + ")";
    }
}
