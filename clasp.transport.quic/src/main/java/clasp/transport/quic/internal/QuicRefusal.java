package clasp.transport.quic.internal;

import clasp.transport.netty.Refusals;

/** What the QUIC listener refuses or closes, as its periodic report names it. */
enum QuicRefusal implements Refusals.Kind {
    TOO_BIG("sessions closed: frame above maxFrameBytes"),
    BAD_FRAME("sessions closed: bytes that are not a CLASP frame"),
    NO_HANDSHAKE("QUIC connections closed before their TLS handshake completed (untrusted or missing client "
            + "certificate, no common ALPN protocol, or a peer that went away)");

    private final String text;

    QuicRefusal(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
