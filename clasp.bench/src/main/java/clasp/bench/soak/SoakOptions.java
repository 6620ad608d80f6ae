package clasp.bench.soak;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak run's options, from {@code --name value} arguments. Immutable.
 *
 * @param minutes          length of the run
 * @param sampleSeconds    seconds per sample (a "minute" of the table; 60 but for trials)
 * @param out              output folder: soak.csv, soak.md, soak.png, the runtime's folder runtime/
 * @param runtimeJar       the runtime jar ({@code clasp.runtime/target/clasp.jar}, best a copy)
 * @param bundleJar        a bridge bundle put into and taken out of etc/ every cycle, or null
 * @param mosquitto        the mosquitto executable for the MQTT bridge, or null for no MQTT bridge
 * @param bridgeSeconds    seconds per bridge cycle (installed half of it, removed the other half)
 * @param setRate          SETs a second, all streams together
 * @param setStreams       SET connections
 * @param addresses        param addresses the SETs go round
 * @param eventRate        PUBLISH events a second
 * @param subscribers      steady event subscribers
 * @param reconnectors     clients that take turns reconnecting
 * @param reconnectSeconds seconds between two reconnections
 * @param warmup           minutes left out of the growth verdict at the start
 * @param window           minutes averaged at each end for the growth verdict
 * @param runtimeHeap      the runtime's -Xmx
 */
public record SoakOptions(int minutes, int sampleSeconds, Path out, Path runtimeJar, Path bundleJar, Path mosquitto,
                          int bridgeSeconds, int setRate, int setStreams, int addresses, int eventRate, int subscribers,
                          int reconnectors, int reconnectSeconds, int warmup, int window, String runtimeHeap) {

    static final String USAGE = String.join("\n",
            "usage: java -cp clasp-bench.jar clasp.bench.soak.Soak --runtime <clasp.jar> --out <folder> [options]",
            "  --minutes N            length of the run (default 125)",
            "  --sample-seconds N     seconds per sample row (default 60)",
            "  --bundle <jar>         a bridge bundle copied into etc/ and removed again every bridge cycle",
            "  --mosquitto <path>     mosquitto executable: an MQTT bridge instance per cycle against it",
            "  --bridge-seconds N     seconds per bridge cycle (default 180)",
            "  --set-rate N           SETs per second in all (default 1000), --set-streams N (4), --addresses N (400)",
            "  --event-rate N         PUBLISH events per second (default 200), --subscribers N (4)",
            "  --reconnectors N       clients reconnecting in turn (default 6), --reconnect-seconds N (5)",
            "  --warmup N --window N  growth verdict: minutes skipped at the start (10), averaged at each end (20)",
            "  --heap SIZE            the runtime's -Xmx (default 512m)");

    static SoakOptions parse(List<String> args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || i + 1 >= args.size()) throw new IllegalArgumentException("expected --name value at " + a + "\n" + USAGE);
            m.put(a.substring(2), args.get(++i));
        }
        if (!m.containsKey("runtime") || !m.containsKey("out")) throw new IllegalArgumentException("--runtime and --out are required\n" + USAGE);
        SoakOptions o = new SoakOptions(num(m, "minutes", 125), num(m, "sample-seconds", 60), Path.of(m.remove("out")),
                Path.of(m.remove("runtime")), path(m, "bundle"), path(m, "mosquitto"), num(m, "bridge-seconds", 180),
                num(m, "set-rate", 1000), num(m, "set-streams", 4), num(m, "addresses", 400), num(m, "event-rate", 200),
                num(m, "subscribers", 4), num(m, "reconnectors", 6), num(m, "reconnect-seconds", 5), num(m, "warmup", 10),
                num(m, "window", 20), m.getOrDefault("heap", "512m"));
        m.remove("heap");
        if (!m.isEmpty()) throw new IllegalArgumentException("unknown options " + m.keySet() + "\n" + USAGE);
        return o;
    }

    private static int num(Map<String, String> m, String key, int fallback) {
        String v = m.remove(key);
        return v == null ? fallback : Integer.parseInt(v);
    }

    private static Path path(Map<String, String> m, String key) {
        String v = m.remove(key);
        return v == null || v.isEmpty() ? null : Path.of(v);
    }
}
