package clasp.client;

import java.net.URI;

/** {@link EndToEndTest} over TLS on TCP ({@code tcps://}), pinning the development certificate's fingerprint. */
class TcpsEndToEndTest extends EndToEndTest {
    @Override URI endpoint(TestRouter router) { return router.tcps(); }

    @Override ClientTls tls(TestRouter router) { return ClientTls.pinned(router.fingerprint()); }
}
