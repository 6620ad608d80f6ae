package clasp.client;

import java.net.URI;

/** {@link EndToEndTest} over UDP ({@code udp://}, one frame per datagram) through the UDP transport, on loopback. */
class UdpEndToEndTest extends EndToEndTest {
    @Override URI endpoint(TestRouter router) { return router.udp(); }
}
