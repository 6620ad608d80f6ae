package clasp.bench.load;

import clasp.client.ClientTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLASP runtime ({@code clasp.jar}) started as a child JVM in a fresh folder with its own {@code etc/}: one
 * listener of the chosen transport ({@code ws}, {@code tcp}, {@code tcps}, {@code udp}, {@code quic}) on a free
 * loopback port (and, for the others, the WebSocket listener on another, so that the runtime writes no default one), the router without a rate limit and with room for the idle sessions. Ready once a client's WELCOME
 * over that transport carries the configured router name, i.e. both files are applied. TLS listeners use the
 * runtime's development certificate; clients pin the fingerprint the listener logs.
 *
 * <p>{@code mqtt} is the router's MQTT adapter ({@code clasp.transport.mqtt}, namespace {@code /mqtt}) instead: its
 * clients are the tool's {@link MqttClient}s, as for mosquitto; ready once a WELCOME over the WebSocket listener
 * names the router and an MQTT CONNECT on the adapter's port gets its CONNACK.
 *
 * <p>{@code osc} is the router's OSC adapter ({@code clasp.transport.osc}, namespace {@code /osc}): its clients
 * ({@link OscInClient}) publish as OSC peers over UDP (under {@code eventAddresses=/bench/**}: events, as every other
 * mode sends) and subscribe as CLASP clients over the WebSocket listener; ready
 * once a WELCOME over the WebSocket listener names the router and the runtime logged the adapter listening.
 *
 * <p>In authenticated mode ({@code tokenScopes > 0}) the folder also gets {@link RuntimeToken}'s configuration and
 * pre-shared token before the runtime starts, and every client presents that token: in HELLO, as the MQTT
 * CONNECT password, or (OSC) as the OSC listener's {@code token} for its peers.
 */
final class ClaspRuntimeBroker implements Broker {
    private static final Pattern FINGERPRINT = Pattern.compile("SHA-256 ([0-9A-Fa-f:]{64,95})");

    private final ChildProcess child;
    private final URI uri;
    private final List<String> jvmArgs;
    private final ClientTls tls;
    private final URI webSocket;   // the WebSocket listener next to an adapter, or null
    private final String token;    // the clients' token in authenticated mode, or null in open mode
    private final int tokenScopes;

    private ClaspRuntimeBroker(ChildProcess child, URI uri, List<String> jvmArgs, ClientTls tls, URI webSocket,
                               String token, int tokenScopes) {
        this.child = child;
        this.uri = uri;
        this.jvmArgs = jvmArgs;
        this.tls = tls;
        this.webSocket = webSocket;
        this.token = token;
        this.tokenScopes = tokenScopes;
    }

    /** The broker's name in the report for a transport: the MQTT adapter is a broker of its own. */
    static String name(String transport) {
        return switch (transport) {
            case "mqtt" -> "CLASP MQTT adapter";
            case "osc" -> "CLASP OSC adapter";
            default -> "CLASP";
        };
    }

    /** The name in the report, marked when the runtime runs in authenticated mode. */
    static String name(String transport, boolean authenticated) {
        return name(transport) + (authenticated ? " (authenticated)" : "");
    }

    static ClaspRuntimeBroker start(Path jar, List<String> jvmArgs, int maxSessions, int ioThreads, Path dir, ClientNet net) {
        return start(jar, jvmArgs, maxSessions, ioThreads, "ws", dir, net);
    }

    static ClaspRuntimeBroker start(Path jar, List<String> jvmArgs, int maxSessions, int ioThreads, String transport,
                                    Path dir, ClientNet net) {
        return start(jar, jvmArgs, maxSessions, ioThreads, transport, 0, dir, net);
    }

    /** As above; {@code tokenScopes > 0}: in authenticated mode, the clients' token holding that many scopes. */
    static ClaspRuntimeBroker start(Path jar, List<String> jvmArgs, int maxSessions, int ioThreads, String transport,
                                    int tokenScopes, Path dir, ClientNet net) {
        int port = ClientNet.freePort();
        String name = "clasp-bench-" + port;
        int webSocketPort = port;
        String token = tokenScopes > 0 ? RuntimeToken.create(dir, tokenScopes) : null;
        try {
            Path etc = Files.createDirectories(dir.resolve("etc"));
            if (!listenerFile(transport).equals(listenerFile("ws"))) {
                // Else the runtime writes its default WebSocket listener, on 0.0.0.0:7330.
                webSocketPort = ClientNet.freePort();
                Files.writeString(etc.resolve(listenerFile("ws")), "host=127.0.0.1\nport=" + webSocketPort + "\n");
            }
            Files.writeString(etc.resolve(listenerFile(transport)), listenerConfig(transport, port, ioThreads, maxSessions, token));
            Files.writeString(etc.resolve("clasp.router.cfg"), String.join("\n",
                    "name=" + name,
                    "# The load tool's publisher sends faster than the default 50,000 frames/s limit allows when asked to.",
                    "rateLimitPerSecond=0",
                    "maxSessions=" + maxSessions,
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-Dclasp.headless=true",
                "-jar", jar.toAbsolutePath().toString()));
        ChildProcess child = ChildProcess.start(command, dir);
        URI uri = URI.create(transport + "://127.0.0.1:" + port + (transport.startsWith("ws") ? "/" : ""));
        if (transport.equals("osc")) {
            URI webSocket = URI.create("ws://127.0.0.1:" + webSocketPort + "/");
            try {
                child.awaitReady(() -> welcomes(net, webSocket, null, token, name)
                        && child.log().contains("listening for OSC peers on osc.udp://127.0.0.1:" + port), 90, "CLASP runtime with its OSC adapter");
                return new ClaspRuntimeBroker(child, uri, jvmArgs, null, webSocket, token, tokenScopes);
            } catch (RuntimeException e) {
                child.stop();
                throw e;
            }
        }
        if (transport.equals("mqtt")) {
            URI webSocket = URI.create("ws://127.0.0.1:" + webSocketPort + "/");
            try {
                child.awaitReady(() -> welcomes(net, webSocket, null, token, name) && MosquittoBroker.connects(net, port, token), 90,
                        "CLASP runtime with its MQTT adapter");
                return new ClaspRuntimeBroker(child, uri, jvmArgs, null, null, token, tokenScopes);
            } catch (RuntimeException e) {
                child.stop();
                throw e;
            }
        }
        try {
            ClientTls[] tls = new ClientTls[1];
            child.awaitReady(() -> {
                if (transport.equals("ws") && !child.log().contains("listening on ws://127.0.0.1:" + port + "/")) return false;
                if (tlsTransport(transport)) {
                    Matcher m = FINGERPRINT.matcher(child.log());
                    if (!m.find()) return false;
                    tls[0] = ClientTls.pinned(m.group(1));
                }
                return welcomes(net, uri, tls[0], token, name);
            }, 90, "CLASP runtime");
            return new ClaspRuntimeBroker(child, uri, jvmArgs, tls[0], null, token, tokenScopes);
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
    }

    private static boolean tlsTransport(String transport) {
        return transport.equals("tcps") || transport.equals("wss") || transport.equals("quic");
    }

    /** The factory configuration file of the transport's listener. */
    private static String listenerFile(String transport) {
        return switch (transport) {
            case "ws", "wss" -> "clasp.transport.websocket-default.cfg";
            case "tcp", "tcps" -> "clasp.transport.tcp-default.cfg";
            case "udp" -> "clasp.transport.udp-default.cfg";
            case "quic" -> "clasp.transport.quic-default.cfg";
            case "mqtt" -> "clasp.transport.mqtt-bench.cfg";
            case "osc" -> "clasp.transport.osc-bench.cfg";
            default -> throw new IllegalArgumentException("unknown transport " + transport + " (ws, tcp, tcps, udp, quic, mqtt, osc)");
        };
    }

    private static String listenerConfig(String transport, int port, int ioThreads, int maxSessions, String token) {
        StringBuilder b = new StringBuilder("host=127.0.0.1\nport=" + port + "\n");
        if (ioThreads > 0 && !transport.equals("udp") && !transport.equals("osc")) b.append("ioThreads=").append(ioThreads).append('\n');
        if (tlsTransport(transport) && !transport.equals("quic")) b.append("tls=true\n");
        // Every load client comes from loopback, hundreds at once: the per-address limits would refuse them.
        if (transport.startsWith("ws") || transport.startsWith("tcp") || transport.equals("mqtt")) {
            b.append("maxConnectionsPerIp=0\nmaxHandshakesPerSecond=0\n");
        }
        if (transport.equals("udp") || transport.equals("osc")) b.append("maxPeers=").append(maxSessions).append('\n');
        // As every other mode's messages, the OSC peer's are events (a SET would be a param, coalesced for a slow reader).
        if (transport.equals("osc")) b.append("eventAddresses=/bench/**\n");
        if (transport.equals("osc") && token != null) b.append("token=").append(token).append('\n');
        return b.toString();
    }

    /** Whether a handshake gets a WELCOME naming the configured router. */
    private static boolean welcomes(ClientNet net, URI uri, ClientTls tls, String token, String name) {
        ClaspClient probe = new ClaspClient(net, uri, tls, token, Probe.Sink.NONE);
        try {
            probe.connect().get(5, TimeUnit.SECONDS);
            return name.equals(probe.routerName());
        } catch (Exception e) {
            return false;
        } finally {
            probe.close().join();
        }
    }

    /** Where clients reach it. */
    URI uri() { return uri; }

    private boolean mqtt() { return uri.getScheme().equals("mqtt"); }

    private boolean osc() { return uri.getScheme().equals("osc"); }

    @Override public String name() { return name(uri.getScheme(), token != null); }
    @Override public long pid() { return child.pid(); }
    @Override public boolean isJvm() { return true; }

    @Override
    public PubSubClient client(ClientNet net, Probe.Sink sink) {
        if (osc()) return new OscInClient(net, webSocket, new InetSocketAddress(uri.getHost(), uri.getPort()), "/osc", token, sink);
        return mqtt() ? new MqttClient(net, uri.getHost(), uri.getPort(), token, sink) : new ClaspClient(net, uri, tls, token, sink);
    }

    @Override
    public String describe() {
        return "CLASP runtime, " + (mqtt() ? "MQTT adapter (namespace /mqtt) on " : "")
                + (osc() ? "OSC adapter (namespace /osc; OSC in, WebSocket subscribers on " + webSocket + ") on " : "") + uri + ", JVM options "
                + (jvmArgs.isEmpty() ? "none" : String.join(" ", jvmArgs))
                + (token == null ? ", open mode" : ", authenticated mode, every client with one pre-shared token of " + tokenScopes + " scopes");
    }

    @Override public void close() { child.stop(); }
}
