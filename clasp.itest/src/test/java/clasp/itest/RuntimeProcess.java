package clasp.itest;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The exported runtime run as an administrator would, headless ({@code java -jar clasp.jar </dev/null}) from a
 * working directory, its output collected line by line; closing it stops it (SIGTERM, so that it shuts down and
 * writes its coverage data; killed if it lingers) and fails if it reported a ByteBuf leak.
 */
final class RuntimeProcess implements AutoCloseable {
    /** The start of the line the runtime logs once every bundle is started. */
    static final String STATUS = "CLASP runtime started: ";

    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();
    private final Thread reader;

    RuntimeProcess(RuntimeJar jar, Path workDir, String... jvmOptions) throws IOException {
        this(jar, workDir, true, jvmOptions);
    }

    /**
     * With {@code inherit} false the runtime runs as shipped, without what {@link RuntimeJvm#inherited} adds (the
     * JaCoCo agent, the tests' leak detection level): for a test that measures the runtime or needs its speed.
     */
    RuntimeProcess(RuntimeJar jar, Path workDir, boolean inherit, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (inherit) command.addAll(RuntimeJvm.inherited());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.path().toString()));
        process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        reader = new Thread(this::readOutput, "clasp-itest-runtime-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println("[runtime] " + line);
                synchronized (output) {
                    output.add(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("output closed: " + e);
        }
    }

    /** The first line not read by an earlier call that contains {@code text}; fails after {@code timeout}. */
    String awaitLine(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
            if (line != null && line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("no line with \"" + text + "\" within " + timeout + "; output: " + output());
    }

    /**
     * The names of the runtime's threads that are on a CPU or waiting for one right now (state R in Linux's
     * /proc/PID/task/TID/stat), names cut to 15 characters as Linux keeps them.
     */
    Set<String> runningThreads() throws IOException {
        Set<String> running = new TreeSet<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;   // the thread ended meanwhile
                }
                // pid (comm) state ...: comm may hold spaces and parentheses, the state follows the last ')'
                int close = stat.lastIndexOf(')');
                if (stat.charAt(close + 2) == 'R') running.add(stat.substring(stat.indexOf('(') + 1, close));
            }
        }
        return running;
    }

    /**
     * Waits until 127.0.0.1:{@code port} accepts a connection: the status line comes before fileinstall has applied
     * etc/, so a configured listener may open a moment later. Fails after {@code timeout}, or at once if the runtime
     * ended.
     */
    void awaitListening(int port, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) break;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the runtime does not listen on 127.0.0.1:" + port + " within " + timeout + "; output:\n"
                + String.join("\n", output()));
    }

    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /**
     * Pre-writes the default listener on a free loopback port, so that a test does not need 7330, and a
     * {@link #QUIET_DISCOVERY discovery configuration} without mDNS and broadcast: a test's runtime announces nothing on
     * the machine's network, and its stop does not wait seconds for jmdns to say goodbye. Tests of discovery write
     * their own {@code clasp.discovery.cfg} over it.
     */
    static int quietListener(Path etc) throws IOException {
        int port = Net.freePort();
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("clasp.transport.websocket-default.cfg"), "host=127.0.0.1\nport=" + port + "\n"
                + LOOPBACK_UNLIMITED);
        Files.writeString(etc.resolve(QUIET_DISCOVERY), "mdns=false\nbroadcast=false\n");
        return port;
    }

    /**
     * A listener's per-address limits turned off: the tests open hundreds of connections a second from loopback, one
     * address (the limits have tests of their own: TransportSecurityTest, the security ITs).
     */
    static final String LOOPBACK_UNLIMITED = "maxConnectionsPerIp=0\nmaxHandshakesPerSecond=0\n";

    /** The discovery configuration {@link #quietListener} writes. */
    static final String QUIET_DISCOVERY = "clasp.discovery.cfg";

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        RuntimeJvm.assertNoLeak("the runtime", output());
    }
}
