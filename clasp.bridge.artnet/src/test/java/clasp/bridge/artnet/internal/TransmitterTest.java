package clasp.bridge.artnet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.bridge.support.dmx.Pacer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender's pace on a clock the test drives: at once, at most 44 Hz, keep-alive, sequence, ArtSync, first frame. */
class TransmitterTest {
    private static final long KEEP_ALIVE = 1_000_000_000L;

    private final ManualStrand strand = new ManualStrand();
    private final List<Sent> sent = new ArrayList<>();

    /** One ArtDmx (universe ≥ 0) or ArtSync (universe -1) and when it went out. */
    private record Sent(long at, int universe, int sequence, int slot1, int slot2) {
        @Override public String toString() {
            return universe < 0 ? "SYNC" : "U" + universe + " #" + sequence + " [" + slot1 + ", " + slot2 + "]";
        }
    }

    private Transmitter transmitter(String outputs, boolean artSync) {
        return new Transmitter(UniverseSet.parse(outputs.isEmpty() ? new String[0] : outputs.split(",")), KEEP_ALIVE,
                artSync, strand::nanoTime, strand, new Transmitter.Output() {
                    @Override public void dmx(int universe, int sequence, byte[] slots) {
                        sent.add(new Sent(strand.now, universe, sequence, slots[0] & 0xFF, slots[1] & 0xFF));
                    }

                    @Override public void sync() { sent.add(new Sent(strand.now, -1, 0, 0, 0)); }
                });
    }

    private List<String> lines() { return sent.stream().map(Sent::toString).toList(); }

    @Test
    void nothingGoesOutBeforeStartAndTheFirstFrameIsTheLookSetBeforeIt() {
        Transmitter t = transmitter("1,2", false);
        t.set(1, 1, 255);
        t.set(1, 2, 128);
        strand.advanceMillis(5_000);
        assertThat(sent).isEmpty();

        t.start();
        strand.runQueued();
        assertThat(lines()).containsExactly("U1 #1 [255, 128]", "U2 #1 [0, 0]");   // a listed universe goes out unset too
        assertThat(t.universes()).containsExactly(1, 2);
    }

    @Test
    void aChangeGoesOutAtOnceAndABurstWithinOneFramePeriodGoesOutOnceWithTheLastValue() {
        Transmitter t = transmitter("", false);
        t.start();
        strand.runQueued();
        assertThat(sent).isEmpty();   // no universe written yet

        t.set(5, 1, 1);
        strand.runQueued();
        long first = strand.now;
        assertThat(lines()).containsExactly("U5 #1 [1, 0]");

        strand.advanceMillis(5);
        for (int i = 0; i < 1000; i++) t.set(5, 1, i % 256);
        strand.runQueued();
        assertThat(sent).hasSize(1);   // 5 ms after a frame: it waits for the 1/44 s
        strand.advanceMillis(30);
        assertThat(lines()).containsExactly("U5 #1 [1, 0]", "U5 #2 [231, 0]");
        assertThat(sent.get(1).at - first).isEqualTo(Pacer.MIN_INTERVAL_NANOS);
    }

    @Test
    void aUniverseChangedEveryMillisecondForTwoSecondsGoesOutAt44HzAtMost() {
        Transmitter t = transmitter("", false);
        t.start();
        for (int ms = 0; ms < 2000; ms++) {
            t.set(0, 1, ms % 256);
            strand.advanceMillis(1);
        }
        strand.advanceMillis(30);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).at - sent.get(i - 1).at).isGreaterThanOrEqualTo(Pacer.MIN_INTERVAL_NANOS);
        }
        assertThat(sent).hasSizeBetween(88, 89);   // 2 s / 22.7 ms, plus the first at once
        assertThat(sent.get(sent.size() - 1).slot1).isEqualTo(1999 % 256);   // the last value arrives
    }

    @Test
    void anUnchangedUniverseIsSentAgainEveryKeepAliveIntervalWithTheNextSequence() {
        Transmitter t = transmitter("", false);
        t.start();
        t.set(3, 2, 77);
        strand.runQueued();
        long first = strand.now;
        strand.advanceMillis(3_500);
        assertThat(lines()).containsExactly("U3 #1 [0, 77]", "U3 #2 [0, 77]", "U3 #3 [0, 77]", "U3 #4 [0, 77]");
        for (int i = 1; i < 4; i++) assertThat(sent.get(i).at - first).isEqualTo(i * KEEP_ALIVE);
    }

    @Test
    void aChangeWhileWaitingForTheKeepAliveGoesOutAtOnce() {
        Transmitter t = transmitter("", false);
        t.start();
        t.set(3, 1, 1);
        strand.runQueued();
        strand.advanceMillis(400);
        t.set(3, 1, 2);
        strand.runQueued();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).at - sent.get(0).at).isEqualTo(400_000_000L);
        strand.advanceMillis(999);
        assertThat(sent).hasSize(2);   // the keep-alive counts from the last frame
        strand.advanceMillis(1);
        assertThat(sent).hasSize(3);
    }

    @Test
    void theSequenceRunsFrom1To255ThenStartsAt1AgainNever0() {
        Transmitter t = transmitter("", false);
        t.start();
        for (int i = 0; i < 300; i++) {
            t.set(1, 1, i % 2);
            strand.advanceMillis(25);
        }
        assertThat(sent).hasSize(300);
        for (int i = 0; i < 300; i++) assertThat(sent.get(i).sequence).isEqualTo(i % 255 + 1);
    }

    @Test
    void theUniversesDueTogetherGoOutAsOneBatchFollowedByOneArtSync() {
        Transmitter t = transmitter("", true);
        t.start();
        t.set(1, 1, 10);
        t.set(2, 1, 20);
        strand.runQueued();
        assertThat(lines()).containsExactly("U1 #1 [10, 0]", "U2 #1 [20, 0]", "SYNC");
        strand.advanceMillis(1_000);
        assertThat(lines()).containsExactly("U1 #1 [10, 0]", "U2 #1 [20, 0]", "SYNC", "U1 #2 [10, 0]", "U2 #2 [20, 0]", "SYNC");
    }

    @Test
    void aUniverseNotListedIsRefusedAndAFirstWriteOfZeroStillSendsTheUniverse() {
        Transmitter listed = transmitter("1", false);
        assertThat(listed.set(2, 1, 9)).isFalse();
        assertThat(listed.set(1, 1, 9)).isTrue();

        sent.clear();
        Transmitter any = transmitter("", false);
        any.start();
        strand.runQueued();
        assertThat(any.set(9, 1, 0)).isTrue();
        strand.runQueued();
        assertThat(lines()).containsExactly("U9 #1 [0, 0]");
    }

    @Test
    void betweenFramesOneWakeupIsPendingAtTheNextDueTime() {
        Transmitter t = transmitter("", false);
        t.start();
        t.set(1, 1, 1);
        strand.runQueued();
        assertThat(strand.nextAt() - strand.now).isEqualTo(KEEP_ALIVE);
        strand.advanceMillis(10);
        t.set(1, 1, 2);
        strand.runQueued();
        assertThat(strand.nextAt() - strand.now).isEqualTo(Pacer.MIN_INTERVAL_NANOS - 10_000_000L);
    }
}
