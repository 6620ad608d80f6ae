package clasp.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * mosquitto 2.x started as a child process with a generated configuration: one loopback listener, anonymous
 * clients, no persistence, a large queue, Nagle off (as Netty has it), errors and warnings logged only.
 * Ready once an MQTT CONNECT gets its CONNACK.
 */
final class MosquittoBroker implements Broker {
    private final ChildProcess child;
    private final int port;
    private final String version;

    private MosquittoBroker(ChildProcess child, int port, String version) {
        this.child = child;
        this.port = port;
        this.version = version;
    }

    static MosquittoBroker start(String executable, Path dir, ClientNet net) {
        int port = ClientNet.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        try {
            Files.writeString(conf, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous true",
                    "persistence false",
                    "max_queued_messages 1000000",
                    "max_connections -1",
                    "set_tcp_nodelay true",
                    "connection_messages false",
                    "log_dest stdout",
                    "log_type error",
                    "log_type warning",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess child = ChildProcess.start(List.of(executable, "-c", conf.toString()), dir);
        try {
            child.awaitReady(() -> connects(net, port), 30, "mosquitto");
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
        return new MosquittoBroker(child, port, version(executable));
    }

    /** Whether an MQTT CONNECT to 127.0.0.1:port gets CONNACK accepted. */
    static boolean connects(ClientNet net, int port) {
        return connects(net, port, null);
    }

    /** Whether an MQTT CONNECT with this password (or none: null) gets CONNACK "accepted". */
    static boolean connects(ClientNet net, int port, String password) {
        MqttClient probe = new MqttClient(net, "127.0.0.1", port, password, Probe.Sink.NONE);
        try {
            probe.connect().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        } finally {
            probe.close().join();
        }
    }

    /** The first line of {@code mosquitto -h}, e.g. "mosquitto version 2.0.11". */
    static String version(String executable) {
        try {
            Process p = new ProcessBuilder(executable, "-h").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().findFirst().orElse("mosquitto").trim();
        } catch (IOException e) {
            return "mosquitto (version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "mosquitto (version unknown)";
        }
    }

    @Override public String name() { return "mosquitto"; }
    @Override public long pid() { return child.pid(); }
    @Override public boolean isJvm() { return false; }
    @Override public PubSubClient client(ClientNet net, Probe.Sink sink) { return new MqttClient(net, "127.0.0.1", port, sink); }
    @Override public String describe() { return version + ", tcp://127.0.0.1:" + port + ", set_tcp_nodelay true"; }
    @Override public void close() { child.stop(); }
}
