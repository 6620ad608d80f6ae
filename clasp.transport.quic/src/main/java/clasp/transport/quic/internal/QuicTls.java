package clasp.transport.quic.internal;

import clasp.transport.netty.tls.ServerKeys;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.ClientAuth;

/** The QUIC server TLS context (TLS 1.3, as QUIC requires) for a listener's {@link ServerKeys}. */
final class QuicTls {
    /**
     * The ALPN protocols a listener accepts: "clasp", and "clasp/2", which the reference implementation's QUIC
     * clients offer. A client offering neither fails its handshake.
     */
    static final String[] ALPN = {"clasp", "clasp/2"};

    private QuicTls() {
    }

    static QuicSslContext serverContext(ServerKeys keys) {
        QuicSslContextBuilder builder = QuicSslContextBuilder.forServer(keys.keyManagers(), null)
                .applicationProtocols(ALPN)
                .clientAuth(switch (keys.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRE -> ClientAuth.REQUIRE;
                });
        if (keys.trustManagers() != null) {
            builder.trustManager(keys.trustManagers());
        }
        return builder.build();
    }
}
