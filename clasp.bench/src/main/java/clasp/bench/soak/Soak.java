package clasp.bench.soak;

import clasp.bench.load.ChildProcess;
import clasp.bench.load.ClientNet;
import clasp.bench.load.CpuMeter;
import clasp.bench.load.JvmHeap;
import clasp.bench.load.Proc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The soak run: the runtime jar started in {@code <out>/runtime}, steady mixed traffic ({@link Traffic}) and bridge
 * cycles ({@link BridgeCycler}) for {@code --minutes}, and every sample period (a minute) the runtime's RSS, heap after
 * a full GC, threads, open file descriptors and CPU with the minute's traffic appended to {@code <out>/soak.csv}. At
 * the end {@code soak.md} (verdict and table) and {@code soak.png} are written and the exit status is the
 * {@link GrowthVerdict}'s (0 passed, 1 grew, 3 too short to judge), or 2 when the runtime or a steady client died.
 * Run by scripts/soak.sh; {@link SoakReport} regenerates the table, plot and verdict from the CSV. The main thread
 * samples; traffic and bridges run on their own threads.
 */
public final class Soak {
    private Soak() { }

    public static void main(String[] args) throws Exception {
        SoakOptions o;
        try {
            o = SoakOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        System.exit(run(o));
    }

    static int run(SoakOptions o) throws Exception {
        Path out = Files.createDirectories(o.out());
        Path runtimeDir = out.resolve("runtime");
        if (Files.exists(runtimeDir)) throw new IllegalStateException(runtimeDir + " exists: give a fresh --out folder");
        Files.createDirectories(runtimeDir);
        List<Sample> samples = new ArrayList<>();
        boolean died = false;
        Process mosquitto = null;
        try (ClientNet net = new ClientNet(2)) {
            int mqttPort = -1;
            if (o.mosquitto() != null) {
                mqttPort = ClientNet.freePort();
                mosquitto = startMosquitto(o.mosquitto(), out, mqttPort);
            }
            try (SoakRuntime runtime = SoakRuntime.start(o.runtimeJar(), runtimeDir, o.runtimeHeap());
                 Traffic traffic = new Traffic(net, runtime.ws(), runtime.tcp(), o);
                 SoakCsv csv = SoakCsv.create(out.resolve("soak.csv"))) {
                System.out.println("soak: runtime pid " + runtime.pid() + " on " + runtime.ws() + " and " + runtime.tcp()
                        + ", " + o.minutes() + " samples of " + o.sampleSeconds() + " s, output in " + out.toAbsolutePath());
                traffic.start();
                BridgeCycler bridges = new BridgeCycler(runtime.etc(), runtime.ws(), net, o.bundleJar(), mqttPort, o.bridgeSeconds());
                Thread bridgeThread = new Thread(bridges, "soak-bridges");
                bridgeThread.setDaemon(true);
                bridgeThread.start();
                CpuMeter cpu = new CpuMeter(runtime.pid());
                cpu.start();
                long start = System.nanoTime();
                for (int minute = 1; minute <= o.minutes(); minute++) {
                    long due = start + minute * o.sampleSeconds() * 1_000_000_000L;
                    for (long left; (left = due - System.nanoTime()) > 0; ) ChildProcess.sleep(Math.min(1000, left / 1_000_000 + 1));
                    if (!runtime.alive()) {
                        System.out.println("soak: the runtime exited during minute " + minute);
                        died = true;
                        break;
                    }
                    cpu.stop();
                    Traffic.Minute m = traffic.minute();
                    long pid = runtime.pid();
                    JvmHeap.Heap heap = JvmHeap.afterFullGc(pid);
                    Sample s = new Sample(minute, Proc.rssKb(pid) / 1024.0, heap.usedKb() / 1024.0, threads(pid), fds(pid),
                            cpu.brokerPercent(), m.p50Ms(), m.p99Ms(), m.published(), m.delivered(), m.setUpdates(),
                            m.setAcks(), m.setP99Ms(), m.reconnects(), bridges.cycles(), traffic.errors() + bridges.errors());
                    cpu.start();
                    csv.append(s);
                    samples.add(s);
                    System.out.println("soak: " + s.csv());
                    if (!traffic.steadyClientsOpen()) {
                        System.out.println("soak: a steady client lost its connection during minute " + minute);
                        died = true;
                        break;
                    }
                }
                bridges.stop();
                bridgeThread.join(90_000);
            }
        } finally {
            if (mosquitto != null) {
                mosquitto.destroy();
                mosquitto.waitFor();
            }
        }
        String title = "Soak run " + LocalDate.now(ZoneOffset.UTC) + ", " + samples.size() + " min";
        GrowthVerdict verdict = SoakReport.write(samples, o.warmup(), o.window(), title, out.resolve("soak.md"), out.resolve("soak.png"), "soak.png");
        System.out.println(verdict.describe());
        return died ? 2 : verdict.exitStatus();
    }

    private static Process startMosquitto(Path executable, Path out, int port) throws IOException {
        Path conf = out.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n", StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder(executable.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(out.resolve("mosquitto.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return p;
            } catch (IOException notYet) {
                if (!p.isAlive()) throw new IOException("mosquitto exited: " + Files.readString(out.resolve("mosquitto.log")));
                ChildProcess.sleep(100);
            }
        }
        p.destroy();
        throw new IOException("mosquitto not listening on " + port + " after 30 s");
    }

    /** Live threads of a process (Threads: in /proc/pid/status). */
    static int threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("Threads:")) return Integer.parseInt(line.substring(8).trim());
        }
        throw new IOException("no Threads: line for process " + pid);
    }

    /** Open file descriptors of a process (entries of /proc/pid/fd). */
    static int fds(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        }
    }

}
