package clasp.transport.netty.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The identity a TLS connection reports to the router: the subject of the client's verified certificate. */
public final class PeerIdentity {
    private PeerIdentity() {
    }

    /** The subject (RFC 2253, e.g. "CN=desk-1,O=Venue") of the peer's certificate, or null without one. */
    public static String of(SSLSession session) {
        if (session == null) return null;
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509
                    ? x509.getSubjectX500Principal().getName() : null;
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }

    /** The peer identity of a channel with an {@link SslHandler} whose handshake is done; null without TLS. */
    public static String of(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        return ssl == null ? null : of(ssl.engine().getSession());
    }
}
