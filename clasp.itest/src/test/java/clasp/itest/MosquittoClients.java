package clasp.itest;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Debian's MQTT command-line clients ({@code mosquitto_pub}, {@code mosquitto_sub}, package mosquitto-clients) run as
 * processes against a broker on 127.0.0.1. A publish runs to its end; a subscriber runs until closed (killed) and its
 * output is read line by line: its debug lines ({@code -d}: CONNACK, SUBACK) and the messages it prints, each as
 * {@code "<retain> <qos> <topic> <payload>"}.
 */
final class MosquittoClients {
    /** Generous: the machine may be busy; a pass returns sooner. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The output format of a subscriber's messages; the prefix tells them from its debug lines. */
    private static final String MESSAGE = "MSG ";

    private MosquittoClients() { }

    /** What a publish printed (with {@code -d}: the packets it sent and received) and how it exited. */
    record Published(int exitCode, String output) { }

    /** Runs {@code mosquitto_pub -d -h 127.0.0.1 -p port args…} to its end; fails if it outlasts {@link #TIMEOUT}. */
    static Published publish(int port, String... args) throws IOException, InterruptedException {
        List<String> command = command("mosquitto_pub", port, args);
        // Its output goes to a file, so that a publish that never completes cannot block the read.
        Path out = Files.createTempFile("mosquitto_pub-", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            boolean ended = p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (!ended) throw new AssertionError(command + " did not end within " + TIMEOUT + "; its output:\n" + output);
            return new Published(p.exitValue(), output);
        } finally {
            p.destroyForcibly();
            Files.delete(out);
        }
    }

    /**
     * Starts {@code mosquitto_sub -d -h 127.0.0.1 -p port -F "MSG %r %q %t %p" args…} (args give at least the topic
     * filter, {@code -t}). Its output is line-buffered ({@code stdbuf -oL}), so that a debug line is read when printed.
     */
    static Subscriber subscribe(int port, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("stdbuf", "-oL", "-eL"));
        command.addAll(command("mosquitto_sub", port, args));
        command.addAll(List.of("-F", MESSAGE + "%r %q %t %p"));
        return new Subscriber(command, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start());
    }

    private static List<String> command(String name, int port, String... args) {
        List<String> command = new ArrayList<>(List.of(executable(name), "-d", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        return command;
    }

    /** The executable on PATH, or in /usr/bin or /usr/sbin; fails saying which Debian package brings it. */
    static String executable(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/bin", "/usr/sbin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) continue;
            Path file = Path.of(dir, name);
            if (Files.isExecutable(file)) return file.toString();
        }
        throw new AssertionError(name + " is not installed: install the Debian package mosquitto-clients (scripts/test.sh installs it)");
    }

    /** A running {@code mosquitto_sub} ({@code stdbuf} execs it: same process); {@link #close} kills it. */
    static final class Subscriber implements AutoCloseable {
        private final List<String> command;
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;
        private int nextMessage;

        private Subscriber(List<String> command, Process process) {
            this.command = command;
            this.process = process;
            reader = new Thread(this::read, "clasp-itest-mosquitto-sub");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process was killed: its output ends here
            }
        }

        /** Waits until the broker acknowledged the subscriptions (the SUBACK). */
        Subscriber awaitSubscribed() throws InterruptedException {
            awaitLine(0, l -> l.startsWith("Subscribed (mid: "));
            return this;
        }

        /** The next message printed after the last one returned, as {@code "<retain> <qos> <topic> <payload>"}. */
        String nextMessage() throws InterruptedException {
            int at = awaitLine(nextMessage, l -> l.startsWith(MESSAGE));
            nextMessage = at + 1;
            synchronized (lines) {
                return lines.get(at).substring(MESSAGE.length());
            }
        }

        /** The index of the first line at or after {@code from} that matches; fails after {@link #TIMEOUT}. */
        int awaitLine(int from, Predicate<String> matches) throws InterruptedException {
            Instant deadline = Instant.now().plus(TIMEOUT);
            synchronized (lines) {
                for (int i = from; ; ) {
                    for (; i < lines.size(); i++) if (matches.test(lines.get(i))) return i;
                    long left = Duration.between(Instant.now(), deadline).toMillis();
                    if (left <= 0 || !reader.isAlive() && i == lines.size()) {
                        throw new AssertionError("no such line from " + command + " within " + TIMEOUT + " (exited: "
                                + !process.isAlive() + "); its output:\n" + String.join("\n", lines));
                    }
                    lines.wait(Math.min(left, 200));
                }
            }
        }

        /** Stops the process (SIGSTOP): it sends nothing more, not even PINGREQ, but its connection stays open. */
        void freeze() throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).redirectErrorStream(true).start();
            String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) throw new AssertionError("kill -STOP " + process.pid() + " failed: " + out);
        }

        /** Everything it printed so far. */
        List<String> output() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        /** Kills it (SIGKILL: no DISCONNECT is sent, as when a client dies) and waits until it is gone. */
        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) throw new AssertionError(command + " survived SIGKILL");
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
