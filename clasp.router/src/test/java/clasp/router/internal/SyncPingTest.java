package clasp.router.internal;
import clasp.router.internal.clock.Micros;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.message.SyncMessage;
import org.junit.jupiter.api.Test;

/** router-semantics §9 SYNC and PING. */
class SyncPingTest extends RouterTestSupport {
    @Test void pingGetsPong() {
        TestClient c = client();
        c.hex(HandshakeTest.PING);
        assertThat(c.takeHex()).containsExactly(HandshakeTest.PONG);
    }

    @Test void syncEchoesT1AndAnswersT2EqualToT3FromOneClockReading() {
        TestClient c = client();
        long before = Micros.now();
        c.hex("53 01 00 0A 40 00 00 00 00 00 00 00 03 E8");   // A.2: SYNC t1=1000
        c.send(new SyncMessage(2000, 5L, 6L));                  // the client's t2 and t3 are ignored
        long after = Micros.now();
        var frames = c.takeHex();
        assertThat(frames).hasSize(2).allSatisfy(f -> assertThat(f).startsWith("53 01 00 1A 40 03 "));
        SyncMessage first = (SyncMessage) TestClient.decode(frames.get(0));
        SyncMessage second = (SyncMessage) TestClient.decode(frames.get(1));
        assertThat(first.t1()).isEqualTo(1000);
        assertThat(second.t1()).isEqualTo(2000);
        for (SyncMessage s : new SyncMessage[] {first, second}) {
            assertThat(s.t2()).isEqualTo(s.t3());
            assertThat(s.t2()).isBetween(before, after);   // read from the clock while the router answered
        }
    }
}
