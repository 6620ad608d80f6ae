package clasp.transport.tcp.internal;

import clasp.transport.netty.Refusals;

/** What the TCP listener closes, as its periodic report names it. */
enum TcpRefusal implements Refusals.Kind {
    TOO_BIG("closed: length prefix above maxFrameBytes"),
    ZERO_LENGTH("closed: length prefix 0"),
    TLS_FAILED("closed: TLS handshake failed");

    private final String text;

    TcpRefusal(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
