package clasp.client.internal;

import clasp.client.ClientTls;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.FingerprintTrustManagerFactory;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import javax.net.ssl.SSLException;

/** Builds the Netty client {@link SslContext} for a {@link ClientTls}, and the handler for one connection. */
public final class TlsContexts {
    private TlsContexts() { }

    public static SslContext client(ClientTls tls) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2");
            if (tls.trustedCertificates() != null) {
                b.trustManager(tls.trustedCertificates().toFile());
            } else if (tls.pinnedSha256() != null) {
                b.trustManager(FingerprintTrustManagerFactory.builder("SHA-256").fingerprints(tls.pinnedSha256()).build());
            }
            if (tls.clientCertificate() != null) {
                b.keyManager(tls.clientCertificate().toFile(), tls.clientKey().toFile());
            }
            // Netty 4.2 verifies host names by default; a pinned fingerprint already names the one certificate.
            b.endpointIdentificationAlgorithm(tls.verifyHostname() ? "HTTPS" : null);
            return b.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("TLS settings unusable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) throw new UncheckedIOException(io);
            throw e;
        }
    }

    /** The QUIC context: TLS 1.3 with ALPN {@code clasp}, trusting as {@code tls} says. */
    public static io.netty.handler.codec.quic.QuicSslContext quic(ClientTls tls) {
        try {
            var b = io.netty.handler.codec.quic.QuicSslContextBuilder.forClient().applicationProtocols(QuicConnector.ALPN);
            if (tls.trustedCertificates() != null) {
                b.trustManager(tls.trustedCertificates().toFile());
            } else if (tls.pinnedSha256() != null) {
                b.trustManager(FingerprintTrustManagerFactory.builder("SHA-256").fingerprints(tls.pinnedSha256()).build());
            }
            if (tls.clientCertificate() != null) {
                b.keyManager(tls.clientKey().toFile(), null, tls.clientCertificate().toFile());
            }
            b.endpointIdentificationAlgorithm(tls.verifyHostname() ? "HTTPS" : null);
            return b.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("TLS settings unusable for QUIC: " + e.getMessage(), e);
        }
    }

    /** The handler for one connection to {@code uri} (its host is the SNI name and the one verified). */
    static SslHandler handler(SslContext context, ByteBufAllocator alloc, URI uri, int port) {
        return context.newHandler(alloc, uri.getHost(), port);
    }
}
