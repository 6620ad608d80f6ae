package clasp.transport.netty;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A listener's limits per client IP address: connections open at once ({@code maxConnectionsPerIp}) and new
 * connections per second ({@code maxHandshakesPerSecond}, a token bucket holding one second's worth, so a burst of
 * that many passes at once). A listener asks {@link #admit} first thing for every accepted connection and closes a
 * refused one before any TLS or protocol work. Loopback addresses count like any other. 0 turns a limit off.
 * The limits may change while connections are open ({@link #configure}); the counts stay. Thread-safe (any event
 * loop); addresses without open connections and with a full bucket are forgotten once a second.
 */
public final class ConnectionLimits {
    /** What {@link #admit} decided. */
    public enum Verdict { ADMITTED, TOO_MANY_CONNECTIONS, TOO_MANY_HANDSHAKES }

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** One address's open connections and handshake tokens; changed only inside the map's compute. */
    private static final class Peer {
        int open;
        double tokens;
        long refilledAt;
    }

    private final ConcurrentMap<InetAddress, Peer> peers = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final AtomicLong sweptAt;
    private volatile int maxConnectionsPerIp;
    private volatile int maxHandshakesPerSecond;

    public ConnectionLimits(int maxConnectionsPerIp, int maxHandshakesPerSecond) {
        this(maxConnectionsPerIp, maxHandshakesPerSecond, System::nanoTime);
    }

    /** {@code clock}: nanoseconds, as System.nanoTime. */
    ConnectionLimits(int maxConnectionsPerIp, int maxHandshakesPerSecond, LongSupplier clock) {
        this.clock = clock;
        this.sweptAt = new AtomicLong(clock.getAsLong());
        configure(maxConnectionsPerIp, maxHandshakesPerSecond);
    }

    /** New limits for the connections accepted from now on; 0 = off. */
    public void configure(int maxConnectionsPerIp, int maxHandshakesPerSecond) {
        if (maxConnectionsPerIp < 0) {
            throw new IllegalArgumentException("maxConnectionsPerIp must be >= 0, is " + maxConnectionsPerIp);
        }
        if (maxHandshakesPerSecond < 0) {
            throw new IllegalArgumentException("maxHandshakesPerSecond must be >= 0, is " + maxHandshakesPerSecond);
        }
        this.maxConnectionsPerIp = maxConnectionsPerIp;
        this.maxHandshakesPerSecond = maxHandshakesPerSecond;
    }

    /**
     * Counts {@code channel} against its address's limits. Admitted, it counts as open until it closes; refused,
     * it counts nothing and the caller closes it.
     */
    public Verdict admit(Channel channel) {
        InetAddress address = addressOf(channel.remoteAddress());
        if (address == null) return Verdict.ADMITTED;
        sweepNowAndThen();
        Verdict[] verdict = new Verdict[1];
        int maxOpen = maxConnectionsPerIp;
        int rate = maxHandshakesPerSecond;
        long now = clock.getAsLong();
        peers.compute(address, (a, peer) -> {
            Peer p = peer == null ? fresh(rate, now) : peer;
            refill(p, rate, now);
            if (maxOpen > 0 && p.open >= maxOpen) {
                verdict[0] = Verdict.TOO_MANY_CONNECTIONS;
            } else if (rate > 0 && p.tokens < 1) {
                verdict[0] = Verdict.TOO_MANY_HANDSHAKES;
            } else {
                if (rate > 0) p.tokens -= 1;
                p.open++;
                verdict[0] = Verdict.ADMITTED;
            }
            return p;
        });
        if (verdict[0] == Verdict.ADMITTED) {
            channel.closeFuture().addListener(closed -> release(address));
        }
        return verdict[0];
    }

    /** Connections from {@code address} open now. */
    public int open(InetAddress address) {
        Peer peer = peers.get(address);
        return peer == null ? 0 : peer.open;
    }

    /** Addresses remembered now (with open connections or handshakes in the last second). */
    public int addresses() {
        return peers.size();
    }

    private void release(InetAddress address) {
        peers.computeIfPresent(address, (a, peer) -> {
            peer.open--;
            return peer;
        });
    }

    private static Peer fresh(int rate, long now) {
        Peer peer = new Peer();
        peer.tokens = rate;
        peer.refilledAt = now;
        return peer;
    }

    private static void refill(Peer peer, int rate, long now) {
        peer.tokens = Math.min(rate, peer.tokens + (double) (now - peer.refilledAt) * rate / SECOND);
        peer.refilledAt = now;
    }

    /** At most once a second: forgets the addresses with nothing open whose bucket has refilled. */
    private void sweepNowAndThen() {
        long now = clock.getAsLong();
        long last = sweptAt.get();
        if (now - last < SECOND || !sweptAt.compareAndSet(last, now)) return;
        for (InetAddress address : peers.keySet()) {
            peers.computeIfPresent(address, (a, peer) -> peer.open == 0 && now - peer.refilledAt >= SECOND ? null : peer);
        }
    }

    private static InetAddress addressOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
