package clasp.bench.load;

import clasp.osc.OscArgument;
import clasp.osc.OscEncoder;
import clasp.osc.OscMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The floor for the OSC adapter's latency: the same OSC datagrams sent straight to Debian's {@code oscdump -L}, no
 * router between. Each message {@code /bench/floor ,h <send time>} carries its send time (µs since the epoch);
 * {@code oscdump} prints the time liblo received it (an NTP timetag it takes on receipt), so the difference is the
 * kernel's loopback UDP and liblo's receive, nothing of its printing. Open loop at a fixed rate, warm-up not counted.
 *
 * <pre>java -cp clasp-bench.jar clasp.bench.load.OscFloor [rate 10000] [warmup s 10] [measure s 20]</pre>
 */
public final class OscFloor {
    private OscFloor() { }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int measure = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int port = ClientNet.freePort();
        Process dump = new ProcessBuilder("oscdump", "-L", Integer.toString(port)).redirectErrorStream(true).start();
        Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong received = new AtomicLong();
        long firstMeasuredSent = unixMicros() + TimeUnit.SECONDS.toMicros(2 + warmup);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(dump.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] f = line.split(" ");   // <secs hex>.<frac hex> /bench/floor h <sent µs>
                    if (f.length != 4 || !f[1].equals("/bench/floor")) continue;
                    long sent = Long.parseLong(f[3]);
                    received.incrementAndGet();
                    if (sent >= firstMeasuredSent) micros.recordValue(Math.max(0, ntpToUnixMicros(f[0]) - sent));
                }
            } catch (Exception ended) {
                // oscdump stopped
            }
        }, "oscdump-reader");
        reader.start();
        Thread.sleep(2_000);   // oscdump binds
        long count = (long) rate * (warmup + measure);
        try (DatagramChannel udp = DatagramChannel.open()) {
            udp.connect(new InetSocketAddress("127.0.0.1", port));
            long start = System.nanoTime();
            long period = 1_000_000_000L / rate;
            for (long i = 0; i < count; i++) {
                long due = start + i * period;
                while (System.nanoTime() < due) LockSupport.parkNanos(Math.max(1, due - System.nanoTime() - 50_000));
                ByteBuf b = OscEncoder.encode(new OscMessage("/bench/floor", new OscArgument.Int64(unixMicros())),
                        UnpooledByteBufAllocator.DEFAULT);
                try {
                    udp.write(b.nioBuffer());
                } finally {
                    b.release();
                }
            }
        }
        Thread.sleep(3_000);
        dump.destroy();
        dump.waitFor(10, TimeUnit.SECONDS);
        reader.join(10_000);
        System.out.printf("oscdump floor: %,d msg/s, %d s measured: received %,d of %,d; latency µs p50 %d, p99 %d, p99.9 %d, max %d%n",
                rate, measure, received.get(), count, micros.getValueAtPercentile(50), micros.getValueAtPercentile(99),
                micros.getValueAtPercentile(99.9), micros.getMaxValue());
    }

    private static long unixMicros() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    /** {@code eec0484b.7c7357e5} (NTP seconds and fraction, hex) as µs since the Unix epoch. */
    private static long ntpToUnixMicros(String timetag) {
        int dot = timetag.indexOf('.');
        long seconds = Long.parseLong(timetag.substring(0, dot), 16);
        long fraction = Long.parseLong(timetag.substring(dot + 1), 16);
        return (seconds - 2_208_988_800L) * 1_000_000L + (fraction * 1_000_000L >>> 32);
    }
}
