package clasp.discovery.internal;

import clasp.api.Feature;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.message.AnnounceMessage;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SignalMeta;
import clasp.api.message.WelcomeMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.EncodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP broadcast discovery responder (bridges.md D.3): a datagram holding exactly one CLASP frame with HELLO
 * gets, by unicast to its sender, a WELCOME (session = the stable router id, the router's name and features) and
 * then an ANNOUNCE whose namespace is the router id and whose signals are the listeners: address
 * {@code <scheme>:<port>} (e.g. {@code ws:7330}) for a listener on every address or its URI (e.g.
 * {@code ws://127.0.0.1:7330/}) for one bound to one address, datatype the transport kind, meta description the path. Anything
 * else is counted and dropped; replies to one source address are rate-limited.
 */
final class BroadcastResponder {
    private static final Logger LOG = LoggerFactory.getLogger(BroadcastResponder.class);
    static final Set<Feature> FEATURES =
            EnumSet.of(Feature.PARAM, Feature.EVENT, Feature.STREAM, Feature.GESTURE, Feature.TIMELINE);
    private static final int MAX_DATAGRAM = 65_535;

    /** What the replies say, read for each reply. */
    record Identity(String routerId, String name, List<Listeners.Endpoint> endpoints) {}

    private final DatagramSocket socket;
    private final Supplier<Identity> identity;
    private final SourceRateLimiter limiter;
    private final Thread thread;
    private final ClaspCodec codec = ClaspCodec.defaults();
    final AtomicLong received = new AtomicLong();
    final AtomicLong replies = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong ignored = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();

    private BroadcastResponder(DatagramSocket socket, Supplier<Identity> identity, SourceRateLimiter limiter) {
        this.socket = socket;
        this.identity = identity;
        this.limiter = limiter;
        this.thread = new Thread(this::run, "clasp-discovery-broadcast-" + socket.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** Binds {@code bind}:{@code port} (port 0: any free one) and starts answering. */
    static BroadcastResponder start(String bind, int port, int perSecond, int maxSources, LongSupplier nanoClock,
                                    Supplier<Identity> identity) throws SocketException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.bind(new InetSocketAddress(bind, port));
        } catch (SocketException | RuntimeException e) {
            socket.close();
            throw e;
        }
        BroadcastResponder r = new BroadcastResponder(socket, identity, new SourceRateLimiter(perSecond, maxSources, nanoClock));
        r.thread.start();
        LOG.info("{}: answering broadcast discovery on udp {}:{}", DiscoverySettings.PID, bind, socket.getLocalPort());
        return r;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Closes the socket and waits for the thread to end. */
    void stop() {
        socket.close();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        LOG.info("{}: broadcast responder stopped ({} datagrams, {} replies, {} malformed, {} ignored, {} rate-limited)",
                DiscoverySettings.PID, received.get(), replies.get(), malformed.get(), ignored.get(), rateLimited.get());
    }

    private void run() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) LOG.warn("{}: receiving: {}", DiscoverySettings.PID, Problems.describe(e));
                continue;
            }
            received.incrementAndGet();
            try {
                handle(packet);
            } catch (RuntimeException e) {
                malformed.incrementAndGet();
                LOG.debug("{}: dropped a datagram from {}: {}", DiscoverySettings.PID, packet.getSocketAddress(), Problems.describe(e));
            }
        }
    }

    private void handle(DatagramPacket packet) {
        Frame frame;
        try {
            ByteBuf in = Unpooled.wrappedBuffer(packet.getData(), packet.getOffset(), packet.getLength());
            frame = codec.decode(in);
            if (in.isReadable()) throw new IllegalArgumentException(in.readableBytes() + " bytes after the frame");
        } catch (clasp.protocol.DecodeException | IllegalArgumentException e) {
            malformed.incrementAndGet();
            LOG.debug("{}: malformed datagram from {}: {}", DiscoverySettings.PID, packet.getSocketAddress(), e.getMessage());
            return;
        }
        if (!(frame.message() instanceof HelloMessage)) {
            ignored.incrementAndGet();
            return;
        }
        if (!limiter.tryAcquire(packet.getAddress())) {
            rateLimited.incrementAndGet();
            return;
        }
        reply(packet);
    }

    private void reply(DatagramPacket to) {
        Identity id = identity.get();
        long nowMicros = System.currentTimeMillis() * 1000;
        List<SignalDefinition> signals = id.endpoints().stream().map(e -> new SignalDefinition(hint(e),
                SignalType.PARAM, e.kind(), null, new SignalMeta(null, null, null, null, e.path()))).toList();
        try {
            send(new WelcomeMessage(1, FEATURES, nowMicros, id.routerId(), id.name(), null), to);
            send(new AnnounceMessage(id.routerId(), signals), to);
            replies.incrementAndGet();
        } catch (IOException | EncodeException e) {
            LOG.debug("{}: replying to {}: {}", DiscoverySettings.PID, to.getSocketAddress(), Problems.describe(e));
        }
    }

    /** {@code ws:7330} for a listener on every address (the client adds the address it got the reply from), else its URI. */
    static String hint(Listeners.Endpoint e) {
        if (e.host() == null) return e.scheme() + ":" + e.port();
        String host = e.host().contains(":") ? "[" + e.host() + "]" : e.host();
        return e.scheme() + "://" + host + ":" + e.port() + e.path();
    }

    private void send(clasp.api.message.Message m, DatagramPacket to) throws IOException, EncodeException {
        byte[] bytes = codec.encode(Frame.of(m, QoS.FIRE));
        socket.send(new DatagramPacket(bytes, bytes.length, to.getSocketAddress()));
    }
}
