package clasp.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.transport.netty.ConnectionLimits.Verdict;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private long now = 1_000_000 * MS;

    /** A channel whose peer is {@code address}. */
    private static EmbeddedChannel from(String address) {
        InetSocketAddress remote = new InetSocketAddress(address, 40000);
        return new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
    }

    @Test
    void connectionsAboveTheLimitPerAddressAreRefusedUntilOneCloses() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(2, 0, () -> now);
        EmbeddedChannel first = from("127.0.0.1");

        assertThat(limits.admit(first)).isEqualTo(Verdict.ADMITTED);
        assertThat(limits.admit(from("127.0.0.1"))).isEqualTo(Verdict.ADMITTED);
        assertThat(limits.admit(from("127.0.0.1"))).isEqualTo(Verdict.TOO_MANY_CONNECTIONS);
        assertThat(limits.admit(from("127.0.0.2"))).isEqualTo(Verdict.ADMITTED);   // another address, its own count
        assertThat(limits.open(InetAddress.getByName("127.0.0.1"))).isEqualTo(2);

        first.close();
        assertThat(limits.open(InetAddress.getByName("127.0.0.1"))).isEqualTo(1);
        assertThat(limits.admit(from("127.0.0.1"))).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void handshakesAboveTheRateAreRefusedAndTheBucketRefillsOverTheSecond() {
        ConnectionLimits limits = new ConnectionLimits(0, 4, () -> now);
        for (int i = 0; i < 4; i++) {
            assertThat(limits.admit(from("::1"))).isEqualTo(Verdict.ADMITTED);
        }
        assertThat(limits.admit(from("::1"))).isEqualTo(Verdict.TOO_MANY_HANDSHAKES);

        now += 250 * MS;   // a quarter second: one handshake's worth
        assertThat(limits.admit(from("::1"))).isEqualTo(Verdict.ADMITTED);
        assertThat(limits.admit(from("::1"))).isEqualTo(Verdict.TOO_MANY_HANDSHAKES);

        now += 10_000 * MS; // a long pause refills to one second's worth, no more
        for (int i = 0; i < 4; i++) {
            assertThat(limits.admit(from("::1"))).isEqualTo(Verdict.ADMITTED);
        }
        assertThat(limits.admit(from("::1"))).isEqualTo(Verdict.TOO_MANY_HANDSHAKES);
    }

    @Test
    void zeroTurnsALimitOffAndNewLimitsApplyToTheOpenCounts() {
        ConnectionLimits limits = new ConnectionLimits(0, 0, () -> now);
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.admit(from("10.0.0.1"))).isEqualTo(Verdict.ADMITTED);
        }
        limits.configure(1000, 0);
        assertThat(limits.admit(from("10.0.0.1"))).isEqualTo(Verdict.TOO_MANY_CONNECTIONS);
        assertThatThrownBy(() -> limits.configure(-1, 0)).hasMessage("maxConnectionsPerIp must be >= 0, is -1");
        assertThatThrownBy(() -> limits.configure(0, -2)).hasMessage("maxHandshakesPerSecond must be >= 0, is -2");
    }

    @Test
    void addressesWithNothingOpenAreForgottenOnceTheirBucketRefilled() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(10, 10, () -> now);
        limits.admit(from("192.0.2.1"));              // stays open
        EmbeddedChannel closed = from("192.0.2.2");
        limits.admit(closed);
        closed.close();
        assertThat(limits.addresses()).isEqualTo(2);

        now += 1500 * MS;
        limits.admit(from("192.0.2.3"));               // the sweep runs at most once a second, on an admission

        assertThat(limits.addresses()).isEqualTo(2);   // 192.0.2.1 and .3
        assertThat(limits.open(InetAddress.getByName("192.0.2.1"))).isEqualTo(1);
        assertThat(limits.open(InetAddress.getByName("192.0.2.2"))).isZero();
    }

    @Test
    void aChannelWithoutAnInternetAddressIsNotCounted() {
        ConnectionLimits limits = new ConnectionLimits(1, 1, () -> now);
        assertThat(limits.admit(new EmbeddedChannel())).isEqualTo(Verdict.ADMITTED);
        assertThat(limits.admit(new EmbeddedChannel())).isEqualTo(Verdict.ADMITTED);
        assertThat(limits.addresses()).isZero();
    }
}
