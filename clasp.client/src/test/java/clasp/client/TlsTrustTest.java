package clasp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A TLS router the client was not told to trust is refused before anything is sent, over TCP, WebSocket and QUIC. */
class TlsTrustTest {
    private TestRouter router;

    @BeforeEach void start() { router = TestRouter.start(); }

    @AfterEach void stop() { router.close(); }

    private URI uri(String scheme) {
        return switch (scheme) {
            case "tcps" -> router.tcps();
            case "wss" -> router.wss();
            default -> router.quic();
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcps", "wss", "quic"})
    void aCertificateThatIsNotThePinnedOneIsRefused(String scheme) {
        ClaspClient c = ClaspClient.builder(uri(scheme)).name("wrong-pin").connectTimeout(Duration.ofSeconds(20))
                .tls(ClientTls.pinned("00".repeat(32))).build();
        assertThatThrownBy(() -> c.connect().get(30, TimeUnit.SECONDS)).cause().isInstanceOf(ConnectException.class);
        assertThat(c.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(router.router().sessions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcps", "wss", "quic"})
    void theJdkTrustStoreDoesNotTrustTheDevelopmentCertificate(String scheme) {
        ClaspClient c = ClaspClient.builder(uri(scheme)).name("system-trust").connectTimeout(Duration.ofSeconds(20))
                .tls(ClientTls.system()).build();
        assertThatThrownBy(() -> c.connect().get(30, TimeUnit.SECONDS)).cause().isInstanceOf(ConnectException.class);
        assertThat(router.router().sessions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcps", "wss", "quic"})
    void thePinnedDevelopmentCertificateIsAccepted(String scheme) throws Exception {
        try (ClaspClient c = ClaspClient.builder(uri(scheme)).name("right-pin")
                .tls(ClientTls.pinned(router.fingerprint())).build()) {
            c.connect(Duration.ofSeconds(30));
            assertThat(router.router().sessions()).extracting(s -> s.id()).containsExactly(c.sessionId());
        }
    }
}
