package clasp.client;

import java.net.URI;

/** {@link EndToEndTest} over TCP ({@code tcp://}, 4-byte length prefix per frame) through the TCP transport. */
class TcpEndToEndTest extends EndToEndTest {
    @Override URI endpoint(TestRouter router) { return router.tcp(); }
}
