package clasp.adapter.osc.internal;

import clasp.transport.netty.Refusals;

/** What the OSC listener drops, as its periodic report names it. Nothing dropped is ever answered. */
enum OscRefusal implements Refusals.Kind {
    MALFORMED("dropped: datagram that is not an OSC packet"),
    TOO_BIG("dropped: datagram above maxDatagramBytes"),
    BAD_ADDRESS("dropped: OSC message whose address is a pattern or cannot be a CLASP address"),
    UNMAPPABLE("dropped: OSC message whose arguments have no CLASP value"),
    BAD_REQUEST("dropped: /clasp/subscribe or /clasp/unsubscribe without one valid pattern"),
    SUBSCRIPTIONS_FULL("dropped: /clasp/subscribe past maxSubscriptionsPerPeer"),
    PEERS_FULL("dropped: datagram from a new peer with maxPeers sessions open"),
    PEER_BACKED_UP("dropped: datagram from a peer whose queued messages are above writeBufferHighWaterMark"),
    ROUTER_REFUSED("refused by the router: a write or subscription the authoriser, a limit or a check turned down"),
    OUTBOUND_FULL("dropped: message for a peer whose queued messages are above writeBufferHighWaterMark"),
    OUTBOUND_TOO_BIG("dropped: message for a peer above maxDatagramBytes"),
    UNENCODABLE("dropped: value that has no OSC form or an address outside the namespace");

    private final String text;

    OscRefusal(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
