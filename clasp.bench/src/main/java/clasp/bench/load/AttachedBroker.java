package clasp.bench.load;

import java.net.URI;

/**
 * A broker already running, given by URL and PID: CLASP at any URI the client library takes ({@code ws}, {@code tcp},
 * {@code udp}, …) or its MQTT adapter at {@code mqtt://}, MQTT at {@code tcp://} or {@code mqtt://}.
 */
final class AttachedBroker implements Broker {
    private final URI uri;
    private final long pid;
    private final boolean clasp;

    AttachedBroker(URI uri, long pid, boolean clasp) {
        this.uri = uri;
        this.pid = pid;
        this.clasp = clasp;
        if (!ProcessHandle.of(pid).isPresent()) throw new IllegalArgumentException("no process " + pid);
    }

    /** Whether the clients speak MQTT: to an MQTT broker, or to the router's MQTT adapter. */
    private boolean mqtt() { return !clasp || uri.getScheme().equals("mqtt"); }

    @Override public String name() { return clasp ? ClaspRuntimeBroker.name(uri.getScheme()) : "MQTT"; }
    @Override public long pid() { return pid; }

    @Override
    public boolean isJvm() {
        return ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(c -> c.endsWith("/java")).orElse(false);
    }

    @Override
    public PubSubClient client(ClientNet net, Probe.Sink sink) {
        return mqtt() ? new MqttClient(net, uri.getHost(), uri.getPort(), sink) : new ClaspClient(net, uri, sink);
    }

    @Override public String describe() { return "attached to " + uri + " (pid " + pid + ")"; }
    @Override public void close() { }
}
