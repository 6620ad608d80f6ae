package clasp.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long the CLASP runtime is dark after a start: the time from starting the command to the first WebSocket
 * upgrade (HTTP 101 with the {@code clasp} subprotocol) on its listener, and to its ready line in the log.
 * Each run starts the command in a working folder whose {@code etc/} configures the listener on a free loopback
 * port; {@code --fresh} gives every run a new folder (first start), otherwise the runs restart in one folder
 * (a restart mid-show; the first run of the folder is reported apart). Prints one markdown table.
 */
public final class StartupTimer {
    private static final String USAGE = """
            java -cp clasp-bench.jar clasp.bench.load.StartupTimer [options]
              --runs 10                      starts to time (after the folder's first start)
              --command "java -jar clasp.runtime/target/clasp.jar"   what to start (working folder: the run's)
              --fresh                        a new folder for every run (no restart)
              --io-threads N                 the listener's ioThreads (default: its own default)
              --out DIR                      the working folders and logs (default: a new temp folder)
            """;
    private static final String READY_LINE = "CLASP runtime ready";
    private static final long POLL_MILLIS = 5;

    private StartupTimer() { }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        if (o.has("help")) {
            System.out.print(USAGE);
            return;
        }
        int runs = o.getInt("runs", 10);
        boolean fresh = o.getBoolean("fresh", false);
        List<String> command = o.getWords("command");
        if (command.isEmpty()) command = List.of("java", "-jar", Path.of("clasp.runtime/target/clasp.jar").toAbsolutePath().toString());
        Path out = o.has("out") ? Files.createDirectories(Path.of(o.get("out", "."))) : Files.createTempDirectory("clasp-startup-");
        String load = Proc.loadAverage();

        List<long[]> timed = new ArrayList<>();
        long[] first = null;
        Path dir = null;
        for (int i = fresh ? 1 : 0; i <= runs; i++) {
            if (fresh || dir == null) dir = Files.createDirectories(out.resolve("run-" + i));
            long[] t = once(command, dir, o.getInt("io-threads", 0), i);
            System.err.printf("run %d: upgrade %d ms, ready line %s, CPU %d ms%n", i, t[0], t[1] < 0 ? "none" : t[1] + " ms", t[2]);
            if (i == 0) first = t; else timed.add(t);
        }
        System.out.println("| `" + String.join(" ", command) + "`" + (fresh ? " (fresh folder each run)" : " (restarts in one folder)")
                + " | median | min | max | each run |\n|---|---:|---:|---:|---|");
        if (first != null) System.out.println("| first start of the folder, to the first upgrade (ms) | " + first[0] + " | | | |");
        System.out.println(row("to the first WebSocket upgrade (ms), " + timed.size() + " runs", timed, 0));
        if (timed.stream().allMatch(t -> t[1] >= 0)) System.out.println(row("to the ready line (ms)", timed, 1));
        System.out.println(row("CPU time of the runtime at the first upgrade (ms, all threads)", timed, 2));
        System.out.println("\n* load average " + load + " before, " + Proc.loadAverage() + " after; folders in " + out);
    }

    private static String row(String what, List<long[]> runs, int index) {
        long[] v = runs.stream().mapToLong(t -> t[index]).sorted().toArray();
        long median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return "| " + what + " | " + median + " | " + v[0] + " | " + v[v.length - 1] + " | " + Arrays.toString(runs.stream().mapToLong(t -> t[index]).toArray()) + " |";
    }

    /** One start: {upgrade ms, ready line ms or -1, the runtime's CPU ms at the upgrade}, then SIGTERM and wait for the exit. */
    private static long[] once(List<String> command, Path dir, int ioThreads, int run) throws IOException, InterruptedException {
        int port = ClientNet.freePort();
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("clasp.transport.websocket-default.cfg"), "host=127.0.0.1\nport=" + port + "\n"
                + (ioThreads > 0 ? "ioThreads=" + ioThreads + "\n" : ""));
        Path log = dir.resolve("runtime-" + run + ".log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(90);
            long upgraded = -1, ready = -1, cpu = -1;
            while (upgraded < 0 || (ready < 0 && System.nanoTime() < upgraded + TimeUnit.SECONDS.toNanos(2))) {
                if (!p.isAlive()) throw new IllegalStateException("exited with " + p.exitValue() + ", see " + log);
                if (System.nanoTime() > deadline) throw new IllegalStateException("no upgrade within 90 s, see " + log);
                long now = System.nanoTime();
                if (upgraded < 0 && upgrades(port)) {
                    upgraded = now;
                    cpu = Proc.cpuMicros(p.pid()) / 1000;
                }
                if (ready < 0 && Files.readString(log, StandardCharsets.UTF_8).contains(READY_LINE)) ready = now;
                Thread.sleep(POLL_MILLIS);
            }
            return new long[] {millis(upgraded - start), ready < 0 ? -1 : millis(ready - start), cpu};
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        }
    }

    private static long millis(long nanos) { return TimeUnit.NANOSECONDS.toMillis(nanos); }

    /** Whether a WebSocket upgrade with the clasp subprotocol gets 101 Switching Protocols. */
    static boolean upgrades(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: clasp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = new byte[12];
            int n = 0;
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) n += r;
            return new String(head, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101");
        } catch (IOException e) {
            return false;
        }
    }
}
