package clasp.client.internal;

import clasp.api.Feature;
import clasp.api.QoS;
import clasp.api.message.AnnounceMessage;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.WelcomeMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.protocol.EncodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Broadcast discovery (bridges.md D.3), client side: one CLASP frame with HELLO to 255.255.255.255, to each
 * interface's directed broadcast and to the extra targets, three times within the timeout; every WELCOME reply is a
 * router (id = its session), and the ANNOUNCE that follows it (namespace = the same id, signals
 * {@code <scheme>:<port>} with the path as meta description, taken at the replying address, or whole URIs) lists
 * its endpoints. A router
 * that sends no ANNOUNCE (the reference) gets the default {@code ws://<address>:7330/}.
 */
public final class BroadcastDiscovery {
    static final int ASSUMED_WS_PORT = 7330;
    private static final int SENDS = 3;

    private final ClaspCodec codec = ClaspCodec.defaults();
    private final Map<String, WelcomeMessage> welcomes = new LinkedHashMap<>();
    private final Map<String, Set<String>> hosts = new LinkedHashMap<>();
    private final Map<String, Set<SignalDefinition>> listeners = new LinkedHashMap<>();

    /** Asks for {@code timeoutNanos} and returns the routers that answered. */
    public static List<Found> run(int port, List<InetSocketAddress> extraTargets, long timeoutNanos)
            throws IOException, InterruptedException {
        BroadcastDiscovery d = new BroadcastDiscovery();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(0))) {
            socket.setBroadcast(true);
            d.exchange(socket, targets(port, extraTargets), timeoutNanos);
        }
        return d.results();
    }

    private void exchange(DatagramSocket socket, List<InetSocketAddress> targets, long timeoutNanos)
            throws IOException, InterruptedException {
        byte[] hello;
        try {
            hello = codec.encode(Frame.of(new HelloMessage(1, Set.of(), "Discovery", null), QoS.FIRE));
        } catch (EncodeException e) {
            throw new IllegalStateException(e);
        }
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        int sent = 0;
        byte[] buffer = new byte[65_535];
        while (true) {
            if (Thread.interrupted()) throw new InterruptedException();
            long now = System.nanoTime();
            if (now - deadline >= 0) return;
            if (sent < SENDS && now - (start + sent * timeoutNanos / SENDS) >= 0) {
                for (InetSocketAddress t : targets) sendQuietly(socket, hello, t);
                sent++;
                continue;
            }
            long until = sent < SENDS ? Math.min(deadline, start + sent * timeoutNanos / SENDS) : deadline;
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (until - now) / 1_000_000)));
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            take(p);
        }
    }

    private static void sendQuietly(DatagramSocket socket, byte[] hello, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(hello, hello.length, to));
        } catch (IOException | SecurityException e) {
            // no route to this broadcast address (e.g. no default route): the other targets still go out
        }
    }

    /** One reply: anything that is not exactly one WELCOME or ANNOUNCE frame is ignored. */
    private void take(DatagramPacket p) {
        Frame frame;
        try {
            ByteBuf in = Unpooled.wrappedBuffer(p.getData(), p.getOffset(), p.getLength());
            frame = codec.decode(in);
            if (in.isReadable()) return;
        } catch (DecodeException | RuntimeException e) {
            return;
        }
        String host = p.getAddress().getHostAddress();
        if (frame.message() instanceof WelcomeMessage w) {
            welcomes.putIfAbsent(w.session(), w);
            hosts.computeIfAbsent(w.session(), k -> new LinkedHashSet<>()).add(host);
        } else if (frame.message() instanceof AnnounceMessage a && a.namespace() != null) {
            listeners.computeIfAbsent(a.namespace(), k -> new LinkedHashSet<>()).addAll(a.signals());
        }
    }

    private List<Found> results() {
        List<Found> out = new ArrayList<>();
        for (Map.Entry<String, WelcomeMessage> e : welcomes.entrySet()) {
            WelcomeMessage w = e.getValue();
            List<URI> endpoints = new ArrayList<>();
            for (String host : hosts.get(e.getKey())) {
                Set<SignalDefinition> hints = listeners.getOrDefault(e.getKey(), Set.of());
                if (hints.isEmpty()) endpoints.add(Found.endpoint("ws", host, ASSUMED_WS_PORT, "/"));
                for (SignalDefinition s : hints) {
                    URI u = hint(s, host);
                    if (u != null) endpoints.add(u);
                }
            }
            Set<Feature> features = w.features();
            out.add(new Found(w.session(), w.name(), features, endpoints, "broadcast"));
        }
        return out;
    }

    /** {@code ws:7330} with its path at {@code host}, or a whole URI as sent; null when the hint cannot be read. */
    private static URI hint(SignalDefinition s, String host) {
        String a = s.address();
        if (a.contains("://")) {
            try {
                URI u = new URI(a);
                return u.getHost() != null && u.getPort() > 0 ? u : null;
            } catch (java.net.URISyntaxException e) {
                return null;
            }
        }
        int colon = a.indexOf(':');
        if (colon < 1) return null;
        try {
            int port = Integer.parseInt(a.substring(colon + 1));
            if (port < 1 || port > 65535) return null;
            String path = s.meta() != null && s.meta().description() != null ? s.meta().description() : "/";
            return Found.endpoint(a.substring(0, colon), host, port, path.startsWith("/") ? path : "/" + path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 255.255.255.255, every up interface's IPv4 directed broadcast, then the extra targets. */
    static List<InetSocketAddress> targets(int port, List<InetSocketAddress> extra) throws IOException {
        Set<InetSocketAddress> out = new LinkedHashSet<>();
        out.add(new InetSocketAddress(InetAddress.getByAddress(new byte[] {-1, -1, -1, -1}), port));
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp()) continue;
            for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                if (ia.getAddress() instanceof Inet4Address && ia.getBroadcast() != null) {
                    out.add(new InetSocketAddress(ia.getBroadcast(), port));
                }
            }
        }
        out.addAll(extra);
        return List.copyOf(out);
    }
}
