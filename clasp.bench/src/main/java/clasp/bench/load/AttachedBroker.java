package clasp.bench.load;

import java.net.URI;

/** A broker already running, given by URL ({@code ws://} for CLASP, {@code tcp://} or {@code mqtt://} for MQTT) and PID. */
final class AttachedBroker implements Broker {
    private final URI uri;
    private final long pid;
    private final boolean clasp;

    AttachedBroker(URI uri, long pid) {
        this.uri = uri;
        this.pid = pid;
        this.clasp = uri.getScheme().startsWith("ws");
        if (!ProcessHandle.of(pid).isPresent()) throw new IllegalArgumentException("no process " + pid);
    }

    @Override public String name() { return clasp ? "CLASP" : "MQTT"; }
    @Override public long pid() { return pid; }

    @Override
    public boolean isJvm() {
        return ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(c -> c.endsWith("/java")).orElse(false);
    }

    @Override
    public PubSubClient client(ClientNet net, Probe.Sink sink) {
        return clasp ? new ClaspClient(net, uri, sink) : new MqttClient(net, uri.getHost(), uri.getPort(), sink);
    }

    @Override public String describe() { return "attached to " + uri + " (pid " + pid + ")"; }
    @Override public void close() { }
}
