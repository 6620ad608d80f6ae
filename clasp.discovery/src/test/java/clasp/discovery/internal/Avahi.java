package clasp.discovery.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's avahi daemon for a test: used when one runs; otherwise started (with a system dbus if none runs,
 * as there is no systemd) and stopped again by {@link #close}.
 */
final class Avahi implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();
    private boolean startedAvahi;

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/avahi-browse")) && Files.isExecutable(Path.of("/usr/sbin/avahi-daemon"))
                && Files.isExecutable(Path.of("/usr/bin/dbus-daemon"));
    }

    static Avahi ensureRunning() throws IOException, InterruptedException {
        Avahi a = new Avahi();
        if (run("/usr/sbin/avahi-daemon", "--check") == 0) return a;
        try {
            if (ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains("dbus-daemon --system"))) {
                Files.createDirectories(Path.of("/run/dbus"));
                Files.deleteIfExists(Path.of("/run/dbus/system_bus_socket"));
                a.started.add(new ProcessBuilder("/usr/bin/dbus-daemon", "--system", "--nofork", "--nopidfile")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                awaitFile(Path.of("/run/dbus/system_bus_socket"));
            }
            a.started.add(new ProcessBuilder("/usr/sbin/avahi-daemon", "--no-rlimits")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            a.startedAvahi = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (run("/usr/sbin/avahi-daemon", "--check") != 0) {
                if (System.nanoTime() > deadline) throw new IOException("avahi-daemon did not start");
                Thread.sleep(100);
            }
            return a;
        } catch (IOException | InterruptedException | RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /** {@code avahi-browse -rtp <type>}: its resolved lines ({@code =;…}). */
    static List<String> browse(String type) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/avahi-browse", "-rtp", type).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out.lines().filter(l -> l.startsWith("=;")).toList();
    }

    @Override public void close() {
        if (startedAvahi) {
            try {
                run("/usr/sbin/avahi-daemon", "-k");
            } catch (IOException | InterruptedException e) {
                // the process is destroyed below anyway
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void awaitFile(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) throw new IOException(file + " did not appear");
            Thread.sleep(50);
        }
    }
}
