package clasp.bench.load;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.client.Heartbeat;
import clasp.client.Reconnect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * What driving lights costs: the CLASP runtime with an Art-Net or sACN bridge instance sending unicast to this tool,
 * which plays a console. Two phases per protocol, each on a freshly started runtime:
 * <ul>
 *   <li><b>cpu</b>: {@code universes} universes (64) each changed {@code rate} times a second (44), one WebSocket SET
 *   of slot 1 per universe-frame (QoS Fire). The router's CPU time over the measured seconds, divided by the data
 *   packets that reached the wire, is the CPU per universe-frame (it includes taking the SET in).</li>
 *   <li><b>latency</b>: one universe, a new slot-1 value every 1/{@code latency-rate} s (slower than 44 Hz, so no
 *   change is held back by the pace); fader-to-wire latency = SET sent by the client → the first data packet that
 *   carries the value received by this tool, both on this JVM's clock (loopback, so the kernel's hop is in it).</li>
 * </ul>
 * With {@code --ola true}, the same cpu phase for sACN runs on OLA's olad (Debian's {@code ola}): {@code
 * ola_recorder} plays a show file that changes every universe {@code rate} times a second into olad, whose E1.31
 * plugin sends it out (multicast on its interface, joined by this tool to count the packets); olad's CPU per
 * universe-frame is comparable with the router's (both exclude the console side's own process).
 *
 * <pre>java -cp clasp-bench.jar clasp.bench.load.LightingLoad [--protocols artnet,sacn] [--universes 64] [--rate 44]
 *     [--warmup 5] [--measure 20] [--latency-samples 1000] [--latency-rate 20] [--ola true]</pre>
 */
public final class LightingLoad {
    private LightingLoad() { }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        List<String> protocols = o.getList("protocols", "artnet,sacn");
        int universes = o.getInt("universes", 64);
        int rate = o.getInt("rate", 44);
        int warmup = o.getInt("warmup", 5);
        int measure = o.getInt("measure", 20);
        int samples = o.getInt("latency-samples", 1000);
        int latencyRate = o.getInt("latency-rate", 20);
        Path jar = Path.of(o.get("clasp-jar", "clasp.runtime/target/clasp.jar"));
        List<String> jvmArgs = o.getWords("clasp-jvm-args");
        Path out = Files.createTempDirectory("clasp-lighting-");
        List<String> rows = new ArrayList<>();
        String started = ZonedDateTime.now().toString();
        String load = Proc.loadAverage();
        try (ClientNet net = new ClientNet(1)) {
            for (String protocol : protocols) {
                WireListener.Protocol p = WireListener.Protocol.valueOf(protocol.toUpperCase(Locale.ROOT));
                rows.add(cpuPhase(p, jar, jvmArgs, net, out.resolve(protocol + "-cpu"), universes, rate, warmup, measure));
                rows.add(latencyPhase(p, jar, jvmArgs, net, out.resolve(protocol + "-latency"), samples, latencyRate));
            }
            if (o.getBoolean("ola", false)) rows.add(OlaLoad.cpuPhase(out.resolve("ola"), universes, rate, warmup, measure));
        }
        System.out.printf("Lighting load, started %s, load average at start %s, %d cores; logs in %s%n%n", started, load,
                Runtime.getRuntime().availableProcessors(), out);
        System.out.println("| sender | phase | universes × rate | data packets/s on the wire | CPU % (one core = 100) "
                + "| CPU µs per universe-frame | fader-to-wire p50 / p99 / max µs |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String cpuPhase(WireListener.Protocol protocol, Path jar, List<String> jvmArgs, ClientNet net, Path dir,
                                   int universes, int rate, int warmup, int measure) throws Exception {
        try (WireListener wire = WireListener.unicast(protocol, 0);
             ClaspRuntimeBroker router = start(protocol, jar, jvmArgs, net, dir, wire.port(), universes);
             clasp.client.ClaspClient console = console(router.uri())) {
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            long end = next + TimeUnit.SECONDS.toNanos(warmup + measure);
            long measureFrom = next + TimeUnit.SECONDS.toNanos(warmup);
            long cpuAtStart = -1;
            long packetsAtStart = 0;
            int frame = 0;
            while (next < end) {
                LockSupport.parkNanos(next - System.nanoTime());
                if (cpuAtStart < 0 && System.nanoTime() >= measureFrom) {
                    cpuAtStart = Proc.cpuMicros(router.pid());
                    packetsAtStart = wire.packets();
                }
                frame++;
                for (int u = 1; u <= universes; u++) {
                    console.set(address(protocol, u, 1), Value.of((long) (frame + u) % 256), QoS.FIRE);
                }
                next += period;
            }
            long cpu = Proc.cpuMicros(router.pid()) - cpuAtStart;
            long packets = wire.packets() - packetsAtStart;
            return String.format(Locale.ROOT, "| CLASP %s bridge | cpu | %d × %d Hz | %.0f | %.1f | %.1f | |",
                    name(protocol), universes, rate, packets / (double) measure, cpu / (measure * 10_000.0),
                    packets == 0 ? Double.NaN : cpu / (double) packets);
        }
    }

    private static String latencyPhase(WireListener.Protocol protocol, Path jar, List<String> jvmArgs, ClientNet net,
                                       Path dir, int samples, int latencyRate) throws Exception {
        Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        try (WireListener wire = WireListener.unicast(protocol, 0);
             ClaspRuntimeBroker router = start(protocol, jar, jvmArgs, net, dir, wire.port(), 1);
             clasp.client.ClaspClient console = console(router.uri())) {
            long period = TimeUnit.SECONDS.toNanos(1) / latencyRate;
            int lost = 0;
            int warm = Math.max(100, samples / 10);   // JIT warm-up, not counted
            for (int i = 0; i < warm + samples; i++) {
                int value = 1 + i % 255;
                long sent = System.nanoTime();
                console.set(address(protocol, 1, 1), Value.of((long) value), QoS.FIRE);
                long seen = 0;
                while (seen == 0 && System.nanoTime() - sent < period) {
                    seen = wire.changedTo(1, value);
                    if (seen == 0) Thread.onSpinWait();
                }
                if (i >= warm) {
                    if (seen == 0) lost++;
                    else micros.recordValue(Math.max(0, (seen - sent) / 1_000));
                }
                LockSupport.parkNanos(sent + period - System.nanoTime());
            }
            return String.format(Locale.ROOT, "| CLASP %s bridge | latency | 1 × %d Hz | | | | %d / %d / %d%s |",
                    name(protocol), latencyRate, micros.getValueAtPercentile(50), micros.getValueAtPercentile(99),
                    micros.getMaxValue(), lost == 0 ? "" : " (" + lost + " of " + samples + " not seen within a period)");
        }
    }

    private static String name(WireListener.Protocol p) { return p == WireListener.Protocol.ARTNET ? "Art-Net" : "sACN"; }

    private static String address(WireListener.Protocol p, int universe, int slot) {
        return (p == WireListener.Protocol.ARTNET ? "/artnet/" : "/sacn/") + universe + "/" + slot;
    }

    /** The runtime with one bridge instance sending {@code universes} universes (from 1) unicast to 127.0.0.1:port. */
    private static ClaspRuntimeBroker start(WireListener.Protocol protocol, Path jar, List<String> jvmArgs, ClientNet net,
                                            Path dir, int wirePort, int universes) {
        try {
            Path etc = Files.createDirectories(dir.resolve("etc"));
            StringBuilder list = new StringBuilder();
            for (int u = 1; u <= universes; u++) list.append(u == 1 ? "" : ", ").append('"').append(u).append('"');
            String cfg = protocol == WireListener.Protocol.ARTNET
                    ? "bindAddress = \"127.0.0.1\"\nport = \"" + ClientNet.freePort() + "\"\nnodes = [ \"127.0.0.1:" + wirePort
                      + "\" ]\ndiscoverNodes = \"false\"\noutputUniverses = [ " + list + " ]\n"
                    : "bindAddress = \"127.0.0.1\"\nport = \"" + ClientNet.freePort() + "\"\nmulticast = \"false\"\n"
                      + "unicastDestinations = [ \"127.0.0.1:" + wirePort + "\" ]\noutputUniverses = [ " + list + " ]\n";
            String file = protocol == WireListener.Protocol.ARTNET ? "clasp.bridge.artnet-bench.cfg" : "clasp.bridge.sacn-bench.cfg";
            Files.writeString(etc.resolve(file), cfg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ClaspRuntimeBroker.start(jar, jvmArgs, 100, 0, dir, net);
    }

    private static clasp.client.ClaspClient console(URI uri) throws Exception {
        return clasp.client.ClaspClient.builder(uri).name("lighting-console").heartbeat(Heartbeat.off())
                .clockSync(Duration.ZERO).reconnect(Reconnect.off()).build().connect(Duration.ofSeconds(30));
    }
}
