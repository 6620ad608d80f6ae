package clasp.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the load workloads against the CLASP runtime and against mosquitto, each workload on a freshly started
 * broker, and prints one markdown table per workload. The brokers run as child processes of this JVM, so their
 * CPU time and memory can be read from /proc; {@code --clasp-url/--clasp-pid} and {@code --mqtt-url/--mqtt-pid}
 * attach to running brokers instead. {@code --authenticated} starts the runtime in authenticated mode, every client
 * presenting one pre-shared token; broker {@code clasp-authenticated} does so next to an open {@code clasp} in one run.
 */
public final class LoadTool {
    private static final String USAGE = """
            java -cp clasp-bench.jar clasp.bench.load.LoadTool [options]
              --brokers clasp,mosquitto      brokers to compare, in this order; clasp-authenticated: the runtime
                                             in authenticated mode (as clasp with --authenticated), so that
                                             clasp,clasp-authenticated,mosquitto compares the modes in one run
              --workloads latency,fanout,ceiling,idle
              --rate 10000 --warmup 10 --measure 20 --drain 5     latency: 1 -> 1, seconds
              --fanout-subscribers 100 --fanout-rate 1000          fanout: 1 -> N (same warm-up/measure/drain)
              --ceiling-subscribers 100 --ceiling-window 32        ceiling: 1 -> N as fast as delivered, at most
                                                                   window messages ahead of the slowest subscriber
              --idle-sessions 10000 --idle-hold 10 --connect-concurrency 200 --idle-rounds 3
              --clasp-jar clasp.runtime/target/clasp.jar --clasp-jvm-args "-Xmx1g ..."
              --clasp-io-threads N                                  the listener's ioThreads (0: its default)
              --authenticated                the runtime in authenticated mode (etc/clasp.security.cfg), every
                                             client presenting one pre-shared token created before it starts
                                             (HELLO token, MQTT CONNECT password, the OSC listener's token)
              --token-scopes 2               scopes of that token: read:/** and write:/**, then fillers elsewhere
              --transport ws                 the CLASP clients' transport: ws, tcp, tcps, udp or quic (the runtime
                                             gets one listener of it; TLS ones use its development certificate);
                                             mqtt: the router's MQTT adapter, its clients MQTT ones as mosquitto's;
                                             osc: the router's OSC adapter, published to as an OSC peer over UDP,
                                             subscribed to over WebSocket (brokers: clasp only)
              --mosquitto mosquitto          the mosquitto executable
              --clasp-url ws://127.0.0.1:7330/ --clasp-pid N      attach instead of starting (any client URI;
                                                                   mqtt://host:port for the MQTT adapter)
              --mqtt-url tcp://127.0.0.1:1883 --mqtt-pid N
              --client-threads 2             client event loop threads
              --out DIR                      broker logs and .hgrm histograms (default: a new temp folder)
            """;

    private LoadTool() { }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        if (o.has("help")) {
            System.out.print(USAGE);
            return;
        }
        List<String> brokers = o.getList("brokers", "clasp,mosquitto");
        List<Workload> workloads = workloads(o);
        Path out = o.has("out") ? Files.createDirectories(Path.of(o.get("out", "."))) : Files.createTempDirectory("clasp-load-");
        Report report = new Report();
        boolean allRan = true;
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadAtStart = Proc.loadAverage();
        try (ClientNet net = new ClientNet(o.getInt("client-threads", 2))) {
            for (Workload w : workloads) {
                for (String b : brokers) {
                    Path dir = Files.createDirectories(out.resolve(w.name().split(" ")[0] + "-" + b));
                    System.err.println("== " + w.name() + " on " + b + " (files in " + dir + ")");
                    Result r = runOne(w, b, o, dir, net);
                    allRan &= !r.metrics().isEmpty();
                    report.add(r);
                }
            }
            System.out.println("## Load run " + started + "\n\n" + environment(net, out, loadAtStart) + "\n" + report.markdown());
        }
        System.exit(allRan ? 0 : 1);
    }

    private static Result runOne(Workload w, String b, Options o, Path dir, ClientNet net) {
        try (Broker broker = broker(b, o, dir, net)) {
            System.err.println("   " + broker.describe() + ", pid " + broker.pid());
            Result r = w.run(broker, net, dir);
            return r.note(broker.describe());
        } catch (Exception e) {
            // The run goes on with the next workload; the failure is in the report and, with its causes, here.
            for (Throwable t = e; t != null; t = t.getCause()) System.err.println("   failed: " + t);
            return Result.failed(w.name(), b.startsWith("clasp")
                    ? ClaspRuntimeBroker.name(o.get("transport", "ws"), authenticated(b, o)) : b, e);
        }
    }

    private static List<Workload> workloads(Options o) {
        int warmup = o.getInt("warmup", 10), measure = o.getInt("measure", 20), drain = o.getInt("drain", 5);
        List<Workload> list = new ArrayList<>();
        for (String name : o.getList("workloads", "latency,fanout,ceiling,idle")) {
            switch (name) {
                case "latency" -> list.add(new PubSubWorkload("latency", 1, o.getInt("rate", 10_000), warmup, measure, drain));
                case "fanout" -> list.add(new PubSubWorkload("fanout", o.getInt("fanout-subscribers", 100),
                        o.getInt("fanout-rate", 1_000), warmup, measure, drain));
                case "ceiling" -> list.add(new CeilingWorkload(o.getInt("ceiling-subscribers", 100), o.getInt("ceiling-window", 32),
                        warmup, measure, drain));
                case "idle" -> list.add(new IdleWorkload(o.getInt("idle-sessions", 10_000), o.getInt("idle-hold", 10),
                        o.getInt("connect-concurrency", 200), o.getInt("idle-rounds", 3)));
                default -> throw new IllegalArgumentException("unknown workload " + name + "\n" + USAGE);
            }
        }
        return list;
    }

    private static Broker broker(String name, Options o, Path dir, ClientNet net) {
        switch (name) {
            case "clasp", "clasp-authenticated":
                if (o.has("clasp-url")) {
                    if (authenticated(name, o)) throw new IllegalArgumentException("authenticated mode needs a runtime the tool starts (no --clasp-url)");
                    return new AttachedBroker(URI.create(o.get("clasp-url", "")), Long.parseLong(o.get("clasp-pid", "")), true);
                }
                int tokenScopes = authenticated(name, o) ? Math.max(RuntimeToken.GRANTING.size(), o.getInt("token-scopes", 2)) : 0;
                return ClaspRuntimeBroker.start(Path.of(o.get("clasp-jar", "clasp.runtime/target/clasp.jar")),
                        o.getWords("clasp-jvm-args"), o.getInt("idle-sessions", 10_000) + 1_000, o.getInt("clasp-io-threads", 0),
                        o.get("transport", "ws"), tokenScopes, dir, net);
            case "mosquitto":
                if (o.has("mqtt-url")) return new AttachedBroker(URI.create(o.get("mqtt-url", "")), Long.parseLong(o.get("mqtt-pid", "")), false);
                return MosquittoBroker.start(o.get("mosquitto", "mosquitto"), dir, net);
            default:
                throw new IllegalArgumentException("unknown broker " + name + " (clasp, clasp-authenticated, mosquitto)");
        }
    }

    /** Whether broker {@code name} is the runtime in authenticated mode. */
    private static boolean authenticated(String name, Options o) {
        return name.equals("clasp-authenticated") || (name.equals("clasp") && o.getBoolean("authenticated", false));
    }

    private static String environment(ClientNet net, Path out, String loadAtStart) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        return "* machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), load average "
                + loadAtStart + " at the start, " + Proc.loadAverage() + " at the end\n"
                + "* client: JDK " + System.getProperty("java.runtime.version") + ", Netty " + net.kind()
                + ", /proc clock ticks " + Proc.ticksPerSecond() + "/s\n"
                + "* files: " + out + "\n";
    }
}
