package clasp.osc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Against the real liblo tools (Debian liblo-tools): what oscsend sends we read, what we send oscdump prints. */
class LibloInteropTest {
    private static final int WATCHDOG_SECONDS = 60;

    @Test
    void whatOscsendSendsDecodesToTheValuesGiven() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(WATCHDOG_SECONDS * 1000);
            run("oscsend", "127.0.0.1", Integer.toString(socket.getLocalPort()), "/a/b", "ifsTFNhdISc",
                    "1", "2.5", "hello", "7", "3.25", "sym", "x");
            DatagramPacket datagram = new DatagramPacket(new byte[65_536], 65_536);
            socket.receive(datagram);
            OscPacket packet = new OscDecoder(OscLimits.DEFAULTS).decode(
                    Unpooled.wrappedBuffer(datagram.getData(), 0, datagram.getLength()));
            assertThat(packet).isEqualTo(new OscMessage("/a/b", new OscArgument.Int32(1), new OscArgument.Float32(2.5f),
                    new OscArgument.Text("hello"), OscArgument.TRUE, OscArgument.FALSE, OscArgument.NIL,
                    new OscArgument.Int64(7), new OscArgument.Float64(3.25), OscArgument.IMPULSE,
                    new OscArgument.Symbol("sym"), new OscArgument.Char('x')));
            assertThat(OscValueMapping.toValue(((OscMessage) packet).arguments()).toString())
                    .isEqualTo("[1, 2.5, \"hello\", true, false, null, 7, 3.25, null, \"sym\", \"x\"]");
        }
    }

    @Test
    void whatWeSendOscdumpPrintsWithTheRightTypeTagsAndValues() throws Exception {
        int port = freeUdpPort();
        Process oscdump = new ProcessBuilder("oscdump", "-L", Integer.toString(port)).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(oscdump, lines), "oscdump-reader");
        reader.start();
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            String ready = awaitLine(socket, to, lines, new OscMessage("/ready"), "/ready");
            assertThat(ready).endsWith(" /ready ");

            OscMessage all = new OscMessage("/out/all", new OscArgument.Int32(-7), new OscArgument.Float32(2.5f),
                    new OscArgument.Text("hello"), new OscArgument.Blob(new byte[] {1, 2, 3}), OscArgument.TRUE,
                    OscArgument.FALSE, OscArgument.NIL, OscArgument.IMPULSE, new OscArgument.Int64(1L << 40),
                    new OscArgument.Float64(3.25), new OscArgument.Char('x'), new OscArgument.Midi(0, 0x90, 0x3c, 0x7f),
                    new OscArgument.Symbol("sym"));
            String line = awaitLine(socket, to, lines, all, "/out/all");
            System.out.println("oscdump: " + line);
            assertThat(line).matches("[0-9a-f]{8}\\.[0-9a-f]{8} .*").endsWith(" /out/all ifsbTFNIhdcmS -7 2.500000 "
                    + "\"hello\" [3b 0x1 0x2 0x3] #T #F Nil Infinitum 1099511627776 3.250000 'x' "
                    + "MIDI [0x00 0x90 0x3c 0x7f] 'sym");
            // liblo 0.31 reads t but refuses r and arrays as "Invalid message received"; the codec tests cover those
            String timetag = awaitLine(socket, to, lines,
                    new OscMessage("/out/t", new OscArgument.Timetag(new OscTimetag(0xEEC0484B7C7357E5L))), "/out/t");
            assertThat(timetag).endsWith(" /out/t t eec0484b.7c7357e5");

            // what the mapping writes for CLASP values (bridges.md §1.6): Int 7 -> i 7, Map -> s JSON
            String mapped = awaitLine(socket, to, lines, new OscMessage("/fader/1",
                    OscValueMapping.DEFAULT.toArguments(clasp.api.Value.of(7))), "/fader/1");
            assertThat(mapped).endsWith(" /fader/1 i 7");
        } finally {
            oscdump.destroy();
            oscdump.waitFor(WATCHDOG_SECONDS, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(WATCHDOG_SECONDS));
        }
    }

    /** Sends {@code message} every 100 ms (UDP: oscdump may not be bound yet) until oscdump prints it. */
    private static String awaitLine(DatagramSocket socket, InetSocketAddress to, BlockingQueue<String> lines,
                                    OscMessage message, String address) throws Exception {
        byte[] bytes = Packets.encode(message);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WATCHDOG_SECONDS);
        while (System.nanoTime() < deadline) {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
            for (String line; (line = lines.poll(100, TimeUnit.MILLISECONDS)) != null; ) {
                if (line.contains(" " + address + " ")) {
                    lines.clear();
                    return line;
                }
            }
        }
        throw new AssertionError("oscdump printed no " + address + " within the watchdog");
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) lines.add(line);
        } catch (IOException e) {
            lines.add("read failed: " + e);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(WATCHDOG_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
