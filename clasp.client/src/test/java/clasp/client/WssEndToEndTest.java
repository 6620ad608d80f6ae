package clasp.client;

import java.net.URI;

/** {@link EndToEndTest} over WebSocket on TLS ({@code wss://}), pinning the development certificate's fingerprint. */
class WssEndToEndTest extends EndToEndTest {
    @Override URI endpoint(TestRouter router) { return router.wss(); }

    @Override ClientTls tls(TestRouter router) { return ClientTls.pinned(router.fingerprint()); }
}
