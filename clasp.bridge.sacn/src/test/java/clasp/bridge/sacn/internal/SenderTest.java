package clasp.bridge.sacn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sending side with a clock the test drives: pacing, keep-alive, sequence numbers, sync and termination. */
class SenderTest {
    private static final long MS = 1_000_000;
    private static final UUID CID = E131CodecTest.CID;

    private static Sender sender(int syncUniverse, Map<Integer, Integer> resumed) {
        return new Sender(CID, "desk", 150, syncUniverse, resumed, () -> 100);
    }

    private static List<Integer> sequences(List<E131Packet.Data> packets) {
        return packets.stream().map(E131Packet.Data::sequence).toList();
    }

    @Test
    void aChangeGoesAtOnceThenAtMost44TimesASecondAndAnIdleUniverseEverySecond() {
        Sender s = sender(0, Map.of(7, 10));
        long t = 1_000 * MS;
        assertThat(s.delay(t)).isEqualTo(-1);   // nothing to send yet
        s.set(7, 1, 255);
        List<E131Packet.Data> first = s.due(t);
        assertThat(first).hasSize(1);
        E131Packet.Data d = first.get(0);
        assertThat(d.universe()).isEqualTo(7);
        assertThat(d.sequence()).isEqualTo(10);
        assertThat(d.priority()).isEqualTo(150);
        assertThat(d.sourceName()).isEqualTo("desk");
        assertThat(d.slots()).hasSize(512);
        assertThat(d.slots()[0] & 0xFF).isEqualTo(255);

        // 1000 changes within the next 100 ms: at most one packet per 1/44 s, each carrying the latest values
        int sent = 0;
        for (int i = 0; i < 1000; i++) {
            long now = t + i * 100 * MS / 1000;
            s.set(7, 2, i % 256);
            for (E131Packet.Data p : s.due(now)) {
                sent++;
                assertThat(p.slots()[1] & 0xFF).isEqualTo(i % 256);
            }
        }
        assertThat(sent).isEqualTo(4);   // at 22.7, 45.5, 68.2 and 90.9 ms
        long last = t + 91 * MS;
        assertThat(s.due(last + 50 * MS)).hasSize(1);   // the change at 99.9 ms, coalesced
        long sentAt = last + 50 * MS;
        assertThat(s.delay(sentAt)).isEqualTo(1_000 * MS);
        assertThat(s.due(sentAt + 999 * MS)).isEmpty();
        List<E131Packet.Data> keepAlive = s.due(sentAt + 1_000 * MS);
        assertThat(keepAlive).hasSize(1);
        assertThat(keepAlive.get(0).slots()[0] & 0xFF).isEqualTo(255);
        assertThat(keepAlive.get(0).sequence()).isEqualTo(16);   // 10, then 11-14, 15, 16
    }

    @Test
    void sequenceNumbersArePerUniverseAndWrapFrom255To0() {
        Sender s = sender(0, Map.of(1, 254, 2, 0));
        s.set(1, 1, 1);
        s.set(2, 1, 1);
        List<Integer> one = new ArrayList<>();
        List<Integer> two = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (E131Packet.Data p : s.due(i * 1_000 * MS)) (p.universe() == 1 ? one : two).add(p.sequence());
        }
        assertThat(one).containsExactly(254, 255, 0, 1);
        assertThat(two).containsExactly(0, 1, 2, 3);
        assertThat(s.nextSequences()).isEqualTo(Map.of(1, 2, 2, 4));
    }

    @Test
    void aStreamWithoutHistorySendsItsFirstPacketTwiceTwentyApart() {
        Sender s = sender(0, Map.of());
        s.set(3, 1, 50);
        List<E131Packet.Data> first = s.due(0);
        assertThat(sequences(first)).containsExactly(100, 120);   // a receiver still at 100..119 takes 120
        assertThat(first.get(0).slots()).isEqualTo(first.get(1).slots());
        s.set(3, 1, 60);
        assertThat(sequences(s.due(100 * MS))).containsExactly(121);
    }

    @Test
    void withASyncUniverseEveryBatchIsFollowedByASyncPacket() {
        Sender s = sender(9, Map.of(1, 5, 2, 5, 9, 40));
        s.set(1, 1, 1);
        s.set(2, 1, 1);
        List<E131Packet.Data> batch = s.due(0);
        assertThat(batch).extracting(E131Packet.Data::syncUniverse).containsExactly(9, 9);
        assertThat(s.sync()).containsExactly(new E131Packet.Sync(CID, 40, 9));
        assertThat(s.sync()).containsExactly(new E131Packet.Sync(CID, 41, 9));
        assertThat(s.nextSequences()).containsEntry(9, 42);
        assertThat(sender(0, Map.of()).sync()).isEmpty();
        assertThat(sender(9, Map.of()).sync()).containsExactly(new E131Packet.Sync(CID, 100, 9), new E131Packet.Sync(CID, 120, 9));
    }

    @Test
    void terminatingAUniverseSendsThreePacketsWithTheTerminatedBitAndStopsIt() {
        Sender s = sender(0, Map.of(4, 250));
        s.set(4, 10, 200);
        s.set(5, 1, 1);   // started, never sent: nothing to end
        assertThat(s.due(0)).hasSize(3);   // universe 4, and universe 5 twice (no history)
        List<E131Packet.Data> end = s.terminate(4);
        assertThat(sequences(end)).containsExactly(251, 252, 253);
        assertThat(end).allSatisfy(p -> {
            assertThat(p.terminated()).isTrue();
            assertThat(p.preview()).isFalse();
            assertThat(p.slots()[9] & 0xFF).isEqualTo(200);   // the last look, for receivers that ignore the bit
        });
        assertThat(s.universes()).containsExactly(5);
        assertThat(s.terminate(4)).isEmpty();
        Sender unsent = sender(0, Map.of());
        unsent.set(6, 1, 1);
        assertThat(unsent.terminate(6)).isEmpty();
        assertThat(unsent.sentFrames()).isEmpty();
        assertThat(unsent.nextSequences()).isEmpty();
    }

    @Test
    void anUnchangedSetDoesNotSendAgainAndStartingAUniverseSendsItsSlotsAsTheyAre() {
        Sender s = sender(0, Map.of(1, 0, 2, 0));
        assertThat(s.set(1, 1, 10)).isTrue();
        s.due(0);
        assertThat(s.set(1, 1, 10)).isFalse();
        assertThat(s.due(100 * MS)).isEmpty();
        s.start(2);
        assertThat(s.due(100 * MS)).extracting(E131Packet.Data::universe).containsExactly(2);
        assertThat(s.sentFrames().keySet()).containsExactly(1, 2);
        assertThat(s.delay(100 * MS)).isEqualTo(900 * MS);   // universe 1's keep-alive comes first
    }
}
