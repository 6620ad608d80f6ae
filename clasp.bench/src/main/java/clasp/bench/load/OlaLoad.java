package clasp.bench.load;

import clasp.test.peers.Olad;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * OLA doing the lighting load's cpu phase for sACN: an olad whose E1.31 device has one output port per universe,
 * patched to universes 1..n, and {@code ola_recorder} playing a show that changes slot 1 of every universe
 * {@code rate} times a second (the show's delays are whole milliseconds, so 44 Hz plays as 1000/23 Hz). olad sends
 * E1.31 multicast on its interface; the tool joins the groups there to count the packets. olad's HTTP and RPC ports
 * are the defaults (9090, 9010), since ola_recorder reaches only those: no other olad may run meanwhile.
 */
final class OlaLoad {
    private OlaLoad() { }

    static String cpuPhase(Path dir, int universes, int rate, int warmup, int measure) throws Exception {
        Files.createDirectories(dir);
        String ip = Olad.firstNonLoopbackIpv4().orElseThrow(() ->
                new IllegalStateException("olad's E1.31 plugin needs a non-loopback IPv4 interface; this machine has none"));
        NetworkInterface nic = NetworkInterface.getByInetAddress(InetAddress.getByName(ip));
        Olad.Builder b = Olad.builder().e131(true).e131Ip(ip).e131Ports(0, universes).ports(9090, 9010);
        for (int u = 1; u <= universes; u++) b.port("11-1-O-" + (u - 1) + " = " + u);
        Path show = show(dir, universes, rate);
        allowMemberships(universes);
        try (Olad olad = b.start(); WireListener wire = WireListener.sacnMulticast(nic, universes)) {
            olad.awaitUniverse(universes);
            Process player = new ProcessBuilder("ola_recorder", "--playback", show.toString(), "--iterations", "0",
                    "--duration", Integer.toString(warmup + measure + 5))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("ola_recorder.log").toFile()).start();
            try {
                TimeUnit.SECONDS.sleep(warmup);
                long cpuAtStart = Proc.cpuMicros(olad.pid());
                long packetsAtStart = wire.packets();
                TimeUnit.SECONDS.sleep(measure);
                long cpu = Proc.cpuMicros(olad.pid()) - cpuAtStart;
                long packets = wire.packets() - packetsAtStart;
                return String.format(Locale.ROOT, "| OLA olad 0.10 E1.31 (ola_recorder playing the show) | cpu | %d × %d Hz "
                                + "| %.0f | %.1f | %.1f | |", universes, rate, packets / (double) measure,
                        cpu / (measure * 10_000.0), packets == 0 ? Double.NaN : cpu / (double) packets);
            } finally {
                player.destroy();
                player.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Linux lets a socket join 20 groups by default; the counting socket joins one per universe (needs root). */
    private static void allowMemberships(int groups) throws IOException {
        Path limit = Path.of("/proc/sys/net/ipv4/igmp_max_memberships");
        if (Files.isReadable(limit) && Integer.parseInt(Files.readString(limit).trim()) < groups) {
            if (!Files.isWritable(limit)) {
                throw new IllegalStateException("counting OLA's packets joins " + groups + " multicast groups: run as root or "
                        + "sysctl -w net.ipv4.igmp_max_memberships=" + groups);
            }
            Files.writeString(limit, Integer.toString(groups));
        }
    }

    /** A one-second show file: {@code rate} frames, each a new slot-1 value for every universe, then the frame's delay. */
    private static Path show(Path dir, int universes, int rate) throws IOException {
        StringBuilder s = new StringBuilder("OLA Show\n");
        int delay = Math.round(1000f / rate);
        for (int frame = 0; frame < rate; frame++) {
            for (int u = 1; u <= universes; u++) {
                s.append(u).append(' ').append((frame + u) % 256).append('\n').append(u == universes ? delay : 0).append('\n');
            }
        }
        return Files.writeString(dir.resolve("load.show"), s);
    }
}
