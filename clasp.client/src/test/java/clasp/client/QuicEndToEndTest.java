package clasp.client;

import java.net.URI;

/** {@link EndToEndTest} over QUIC ({@code quic://}, one stream), pinning the development certificate's fingerprint. */
class QuicEndToEndTest extends EndToEndTest {
    @Override URI endpoint(TestRouter router) { return router.quic(); }

    @Override ClientTls tls(TestRouter router) { return ClientTls.pinned(router.fingerprint()); }
}
