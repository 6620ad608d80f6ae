package clasp.transport.netty.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS listener's server context that follows its key files: {@link #watch} checks their modification time and size
 * every few seconds on the listener's executor and, when one changed, loads the key material again. Connections
 * accepted after a reload get the new certificate; open ones keep theirs. New key material that cannot be loaded
 * (a broken file, a certificate without its key yet) leaves the previous context in force and is logged as a WARN
 * once per change. Thread-safe: {@link #newHandler} may run on any event loop.
 */
public final class ServerTls {
    /** How often {@link #watch} looks at the key files when the listener does not say. */
    public static final Duration WATCH_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private record Loaded(ServerKeys keys, SslContext context, X509ExtendedKeyManager keyManager,
                          X509ExtendedTrustManager trustManager) {
    }

    /** What a file looked like: modification time and size, or -1 for both when it is missing. */
    private record Stamp(Path file, long modified, long size) {
        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(file, attributes.lastModifiedTime().toMillis(), attributes.size());
            } catch (IOException missing) {
                return new Stamp(file, -1, -1);
            }
        }
    }

    private final TlsSettings settings;
    private final Duration handshakeTimeout;
    private final String who;
    private volatile Loaded current;
    private List<Stamp> stamps;          // guarded by this
    private ScheduledFuture<?> watching; // guarded by this

    private ServerTls(TlsSettings settings, Duration handshakeTimeout, String who, Loaded loaded, List<Stamp> stamps) {
        this.settings = settings;
        this.handshakeTimeout = handshakeTimeout;
        this.who = who;
        this.current = loaded;
        this.stamps = stamps;
    }

    /**
     * Loads the key material {@code settings} name.
     *
     * @param handshakeTimeout a TLS handshake not finished this long after the connection came is closed
     * @param who              the listener, as its log lines name it ("clasp.transport.tcp main")
     */
    public static ServerTls load(TlsSettings settings, Duration handshakeTimeout, String who)
            throws IOException, GeneralSecurityException {
        List<Stamp> before = stamps(settings);
        return new ServerTls(settings, handshakeTimeout, who, loaded(settings), before);
    }

    private static Loaded loaded(TlsSettings settings) throws IOException, GeneralSecurityException {
        ServerKeys keys = ServerKeys.load(settings);
        return new Loaded(keys, keys.nettyServerContext(), FollowingKeyManager.of(keys.keyManagers().getKeyManagers()),
                keys.trustManagers() == null ? null : FollowingTrustManager.of(keys.trustManagers().getTrustManagers()));
    }

    private static List<Stamp> stamps(TlsSettings settings) {
        List<Stamp> stamps = new ArrayList<>();
        for (Path file : settings.files()) stamps.add(Stamp.of(file));
        return stamps;
    }

    /** A handler for a new connection, with the key material current now and the handshake timeout. */
    public SslHandler newHandler(ByteBufAllocator allocator) {
        SslHandler handler = current.context().newHandler(allocator);
        handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        return handler;
    }

    /** The key material new connections get. */
    public ServerKeys keys() {
        return current.keys();
    }

    public SslContext context() {
        return current.context();
    }

    /**
     * A key manager for a TLS stack built once for the listener's life (QUIC's): each handshake asks the key
     * material current at that moment, so reloads reach it too.
     */
    public X509ExtendedKeyManager followingKeyManager() {
        return new FollowingKeyManager(() -> current.keyManager());
    }

    /** As {@link #followingKeyManager}, for client certificates; null when clients are not asked for one. */
    public X509ExtendedTrustManager followingTrustManager() {
        return current.trustManager() == null ? null : new FollowingTrustManager(() -> current.trustManager());
    }

    /** Checks the key files every {@code interval} on {@code executor} until {@link #stopWatching}. */
    public synchronized void watch(ScheduledExecutorService executor, Duration interval) {
        stopWatching();
        watching = executor.scheduleWithFixedDelay(this::reloadIfChanged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public synchronized void stopWatching() {
        if (watching != null) {
            watching.cancel(false);
            watching = null;
        }
    }

    /**
     * Loads the key material again if a key file changed since the last look; true when new connections now get
     * new key material. A failure is logged and keeps the previous context; the next change tries again.
     */
    public synchronized boolean reloadIfChanged() {
        List<Stamp> now = stamps(settings);  // taken before reading: a write during the load is seen next time
        if (now.equals(stamps)) return false;
        stamps = now;
        try {
            Loaded next = loaded(settings);
            String before = current.keys().fingerprint();
            current = next;
            LOG.info("{}: key files changed, new connections get {} (was SHA-256 {})", who, next.keys().describe(), before);
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("{}: key files changed but cannot be loaded, keeping the previous certificate (SHA-256 {}): {}",
                    who, current.keys().fingerprint(), e.toString());
            return false;
        }
    }
}
