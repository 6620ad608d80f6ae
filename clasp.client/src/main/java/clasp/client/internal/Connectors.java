package clasp.client.internal;

import clasp.client.ClientTls;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.util.Locale;

/** The connector for a URI's scheme. */
public final class Connectors {
    private Connectors() { }

    /** {@code tls} applies to {@code wss}, {@code tcps} and {@code quic} (null there: the JDK trust store). */
    public static Connector forUri(URI uri, ClientTls tls) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) throw new IllegalArgumentException(uri + ": no host");
        return switch (scheme) {
            case "ws" -> new WebSocketConnector(null);
            case "wss" -> new WebSocketConnector(context(tls));
            case "tcp" -> new TcpConnector(null);
            case "tcps" -> new TcpConnector(context(tls));
            case "udp" -> new UdpConnector();
            case "quic" -> new QuicConnector(TlsContexts.quic(tls == null ? ClientTls.system() : tls));
            default -> throw new IllegalArgumentException(uri + ": unknown scheme (ws, wss, tcp, tcps, udp, quic)");
        };
    }

    private static SslContext context(ClientTls tls) {
        return TlsContexts.client(tls == null ? ClientTls.system() : tls);
    }
}
