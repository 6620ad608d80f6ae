package clasp.transport.websocket.internal;

import clasp.transport.netty.Refusals;

/** What the WebSocket listener refuses or closes, as its periodic report names it. */
enum WebSocketRefusal implements Refusals.Kind {
    SURPLUS_UPGRADE("refused with 503: too many upgrades at once"),
    BAD_VERSION("refused with 426: unsupported WebSocket version"),
    UPGRADE_TIMEOUT("closed: no upgrade within handshakeTimeoutSeconds"),
    FORBIDDEN_ORIGIN("refused with 403: Origin not in allowedOrigins"),
    TOO_MANY_CONNECTIONS("closed as accepted: over maxConnectionsPerIp"),
    TOO_MANY_HANDSHAKES("closed as accepted: over maxHandshakesPerSecond"),
    TOO_BIG("closed with 1009: message above maxFrameBytes"),
    PROTOCOL_ERROR("closed with 1002: WebSocket protocol violation"),
    TLS_HANDSHAKE("closed: TLS handshake failed"),
    SSE_REFUSED("SSE requests refused (no pattern, or the router refused the subscription)"),
    SSE_SLOW_READER("SSE clients closed: too slow to read");

    private final String text;

    WebSocketRefusal(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
