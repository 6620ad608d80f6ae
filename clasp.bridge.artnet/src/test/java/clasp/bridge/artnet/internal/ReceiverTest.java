package clasp.bridge.artnet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.bridge.support.dmx.SourceMerge;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receiver on a clock the test drives: universe filter, sequence order, HTP and LTP merge, source timeout. */
class ReceiverTest {
    private static final long SECOND = 1_000_000_000L;

    private long now = 5 * SECOND;
    private final List<String> changes = new ArrayList<>();

    private Receiver receiver(String inputs, SourceMerge.Mode mode) {
        return new Receiver(UniverseSet.parse(inputs.isEmpty() ? new String[0] : inputs.split(",")), mode, 10 * SECOND,
                () -> now, (universe, slot, value) -> changes.add(universe + "/" + slot + "=" + value));
    }

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    private static ArtDmx dmx(int universe, int sequence, int... slots) {
        byte[] data = new byte[slots.length];
        for (int i = 0; i < slots.length; i++) data[i] = (byte) slots[i];
        return new ArtDmx(sequence, 0, universe, data);
    }

    @Test
    void onlyTheSlotsThatChangedAreHandedOnAndUniversesNotListedAreIgnored() throws Exception {
        Receiver r = receiver("1, 3-4", SourceMerge.Mode.HTP);
        assertThat(r.receive(ip(3), dmx(1, 1, 10, 0, 30))).isNull();
        assertThat(r.receive(ip(3), dmx(1, 2, 10, 20, 30))).isNull();
        assertThat(r.receive(ip(3), dmx(2, 3, 99))).isNull();   // not an input universe: ignored, not dropped
        assertThat(r.receive(ip(3), dmx(4, 4, 7))).isNull();
        assertThat(changes).containsExactly("1/1=10", "1/3=30", "1/2=20", "4/1=7");
        assertThat(r.heard()).containsExactly(1, 4);
    }

    @Test
    void aPacketWithinThe127SequencesBeforeTheLastIsLateAndDropped() throws Exception {
        Receiver r = receiver("", SourceMerge.Mode.HTP);
        assertThat(r.receive(ip(3), dmx(0, 10, 1))).isNull();
        assertThat(r.receive(ip(3), dmx(0, 9, 2))).isEqualTo("universe 0: sequence 9 after 10 from 127.0.0.3 is late");
        assertThat(r.receive(ip(3), dmx(0, 139, 3))).isEqualTo("universe 0: sequence 139 after 10 from 127.0.0.3 is late");
        assertThat(r.receive(ip(3), dmx(0, 138, 4))).isNull();   // 128 behind: taken as ahead
        assertThat(r.receive(ip(3), dmx(0, 138, 5))).isNull();   // the same again: not late
        assertThat(r.receive(ip(3), dmx(0, 0, 6))).isNull();     // 0: not sequenced, always taken
        assertThat(r.receive(ip(4), dmx(0, 1, 6))).isNull();     // another source has its own sequence
        assertThat(changes).containsExactly("0/1=1", "0/1=4", "0/1=5", "0/1=6");
    }

    @Test
    void theSequenceWrapsFrom255To1AndASourceSilentForASecondStartsAfresh() throws Exception {
        Receiver r = receiver("", SourceMerge.Mode.HTP);
        assertThat(r.receive(ip(3), dmx(0, 255, 1))).isNull();
        assertThat(r.receive(ip(3), dmx(0, 1, 2))).isNull();
        assertThat(r.receive(ip(3), dmx(0, 255, 3))).isNotNull();   // 2 behind 1
        now += 1_100_000_000L;
        assertThat(r.receive(ip(3), dmx(0, 200, 3))).isNull();      // a restarted console
        assertThat(changes).containsExactly("0/1=1", "0/1=2", "0/1=3");
    }

    @Test
    void twoSourcesMergeHtpAndWhenOneFallsSilentTheOtherTakesOver() throws Exception {
        Receiver r = receiver("", SourceMerge.Mode.HTP);
        r.receive(ip(3), dmx(7, 0, 100, 0, 50));
        r.receive(ip(4), dmx(7, 0, 20, 200, 60));
        assertThat(changes).containsExactly("7/1=100", "7/3=50", "7/2=200", "7/3=60");
        assertThat(r.universes()).containsEntry(7, new Receiver.State(true, true));

        changes.clear();
        now += 6 * SECOND;
        r.receive(ip(4), dmx(7, 0, 20, 200, 60));   // .4 goes on, .3 falls silent
        now += 5 * SECOND;
        r.expire();
        assertThat(changes).containsExactly("7/1=20");   // .3's 100 gone: .4's 20
        assertThat(r.universes()).containsEntry(7, new Receiver.State(true, false));

        changes.clear();
        now += 11 * SECOND;
        r.expire();
        assertThat(changes).isEmpty();   // no source left: the last look stays
        assertThat(r.universes()).containsEntry(7, new Receiver.State(false, false));
    }

    @Test
    void ltpTakesEachSlotFromTheSourceThatChangedItLast() throws Exception {
        Receiver r = receiver("", SourceMerge.Mode.LTP);
        r.receive(ip(3), dmx(7, 0, 100, 100));
        r.receive(ip(4), dmx(7, 0, 20, 100));   // its first frame: all its slots count as changed
        r.receive(ip(3), dmx(7, 0, 100, 90));   // .3 moves slot 2 only
        r.receive(ip(3), dmx(7, 0, 100, 90));   // a keep-alive changes nothing
        assertThat(changes).containsExactly("7/1=100", "7/2=100", "7/1=20", "7/2=90");
    }

    @Test
    void sourcesAndUniversesAreBounded() throws Exception {
        Receiver r = receiver("", SourceMerge.Mode.HTP);
        for (int i = 1; i <= Receiver.MAX_SOURCES; i++) assertThat(r.receive(ip(i), dmx(0, 0, i))).isNull();
        assertThat(r.receive(ip(100), dmx(0, 0, 1)))
                .isEqualTo("universe 0: already " + Receiver.MAX_SOURCES + " sources, 127.0.0.100 ignored");
        for (int u = 1; u < Receiver.MAX_UNIVERSES; u++) assertThat(r.receive(ip(1), dmx(u, 0, 1))).isNull();
        assertThat(r.receive(ip(1), dmx(5000, 0, 1))).isEqualTo("universe 5000: already " + Receiver.MAX_UNIVERSES + " universes");
    }
}
