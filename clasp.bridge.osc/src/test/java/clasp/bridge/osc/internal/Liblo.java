package clasp.bridge.osc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** liblo-tools 0.31 as real peers: oscsend once, oscdump -L as a running process whose lines are queued. */
final class Liblo {
    private Liblo() {
    }

    static void oscsend(int port, String... addressTypesValues) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("oscsend", "127.0.0.1", Integer.toString(port)));
        command.addAll(List.of(addressTypesValues));
        run(command);
    }

    /** {@code oscsend osc.tcp://127.0.0.1:<port> …}: liblo sends each packet with a 4-byte size prefix. */
    static void oscsendTcp(int port, String... addressTypesValues) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("oscsend", "osc.tcp://127.0.0.1:" + port));
        command.addAll(List.of(addressTypesValues));
        run(command);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    static int freeTcpPort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** {@code oscdump -L <port>}: one line per message received, queued. */
    static final class Oscdump implements AutoCloseable {
        final int port;
        private final Process process;
        private final Thread reader;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Oscdump() throws IOException {
            this(false);
        }

        /** Over TCP: {@code oscdump -L osc.tcp://:<port>} (liblo reads SLIP and size-prefixed streams alike). */
        Oscdump(boolean tcp) throws IOException {
            port = tcp ? freeTcpPort() : freeUdpPort();
            process = new ProcessBuilder("oscdump", "-L", tcp ? "osc.tcp://:" + port : Integer.toString(port))
                    .redirectErrorStream(true).start();
            reader = new Thread(this::read, "oscdump-reader");
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(line);
            } catch (IOException e) {
                lines.add("read failed: " + e);
            }
        }

        /** The next line naming {@code address}, skipping others; null if none came within {@code seconds}. */
        String next(String address, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                String line = lines.poll(left, TimeUnit.NANOSECONDS);
                if (line != null && line.contains(" " + address + " ")) return line;
            }
            return null;
        }

        @Override public void close() throws Exception {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
            reader.join(60_000);
        }
    }
}
