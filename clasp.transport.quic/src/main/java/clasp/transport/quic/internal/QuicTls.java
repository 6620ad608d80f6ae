package clasp.transport.quic.internal;

import clasp.transport.netty.tls.ServerTls;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.ClientAuth;

/**
 * The QUIC server TLS context (TLS 1.3, as QUIC requires; BoringSSL's TLS 1.3 suites, all AEAD) for a listener's
 * {@link ServerTls}. Its key and trust managers ask the ServerTls on every handshake, so certificate files reloaded
 * while the listener runs reach new QUIC connections.
 */
final class QuicTls {
    /**
     * The ALPN protocols a listener accepts: "clasp", and "clasp/2", which the reference implementation's QUIC
     * clients offer. A client offering neither fails its handshake.
     */
    static final String[] ALPN = {"clasp", "clasp/2"};

    private QuicTls() {
    }

    static QuicSslContext serverContext(ServerTls tls) {
        QuicSslContextBuilder builder = QuicSslContextBuilder.forServer(tls.followingKeyManager(), null)
                .applicationProtocols(ALPN)
                .clientAuth(switch (tls.keys().clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRE -> ClientAuth.REQUIRE;
                });
        if (tls.followingTrustManager() != null) {
            builder.trustManager(tls.followingTrustManager());
        }
        return builder.build();
    }
}
