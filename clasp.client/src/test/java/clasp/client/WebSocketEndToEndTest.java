package clasp.client;

import java.net.URI;

/** {@link EndToEndTest} over WebSocket ({@code ws://}). */
class WebSocketEndToEndTest extends EndToEndTest {
    @Override URI endpoint(TestRouter router) { return router.ws(); }
}
