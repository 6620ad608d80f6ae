package clasp.transport.udp.internal;

import clasp.transport.netty.Refusals;

/** What the UDP listener drops, as its periodic report names it. Nothing dropped is ever answered. */
enum UdpRefusal implements Refusals.Kind {
    NOT_HELLO("dropped: datagram from a peer without a session that is not a HELLO"),
    PEERS_FULL("dropped: HELLO from a new peer with maxPeers sessions open"),
    TOO_BIG("dropped: datagram above maxFrameBytes"),
    TRUNCATED("dropped: datagram shorter than its CLASP header declares"),
    UNDECODABLE("dropped: datagram that is not one CLASP frame"),
    PEER_BACKED_UP("dropped: datagram from a peer whose queued frames are above writeBufferHighWaterMark"),
    OUTBOUND_FULL("dropped: frame for a peer whose queued frames are above writeBufferHighWaterMark"),
    OUTBOUND_TOO_BIG("dropped: frame for a peer above maxFrameBytes");

    private final String text;

    UdpRefusal(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
