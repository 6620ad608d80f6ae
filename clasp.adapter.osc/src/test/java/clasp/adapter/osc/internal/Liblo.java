package clasp.adapter.osc.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The real OSC peers of liblo-tools: {@code oscsend} once, {@code oscdump -L} listening (its lines recorded). */
final class Liblo {
    private Liblo() {
    }

    /** Runs {@code oscsend 127.0.0.1 <port> <path> <types> <args…>} to its end; fails on a non-zero exit. */
    static void oscsend(int port, String path, String types, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("oscsend", "127.0.0.1", Integer.toString(port), path));
        if (!types.isEmpty()) command.add(types);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("oscsend did not end");
        }
        if (p.exitValue() != 0) throw new IllegalStateException("oscsend " + command + " failed: " + output);
    }

    /** A UDP port free on loopback right now. */
    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /** {@code oscdump -L <port>}: every line it prints, without its timetag column. */
    static final class Dump implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Process process;
        private final Thread reader;

        Dump(int port) throws IOException {
            process = new ProcessBuilder("oscdump", "-L", Integer.toString(port)).redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        int space = line.indexOf(' ');
                        lines.add(space > 0 && line.charAt(0) != '/' ? line.substring(space + 1) : line);
                    }
                } catch (IOException ended) {
                    // the process was stopped
                }
            }, "oscdump-reader");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
            reader.join(10_000);
        }
    }
}
