package clasp.transport.tcp.internal;

import clasp.transport.netty.Refusals;

/** What the TCP listener closes, as its periodic report names it. */
enum TcpRefusal implements Refusals.Kind {
    TOO_BIG("closed: length prefix above maxFrameBytes"),
    ZERO_LENGTH("closed: length prefix 0"),
    TLS_FAILED("closed: TLS handshake failed"),
    HANDSHAKE_TIMEOUT("closed: TLS handshake not finished within handshakeTimeoutSeconds"),
    TOO_MANY_CONNECTIONS("closed as accepted: over maxConnectionsPerIp"),
    TOO_MANY_HANDSHAKES("closed as accepted: over maxHandshakesPerSecond");

    private final String text;

    TcpRefusal(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
