package clasp.bridge.sacn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.bridge.support.LinearScale;
import clasp.bridge.support.dmx.SlotValues;
import clasp.bridge.support.dmx.SourceMerge;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The receiving side with a clock the test drives: sequence check, merge, loss timeout, termination, preview. */
class ReceiverTest {
    private static final long MS = 1_000_000;
    private static final UUID OWN = UUID.fromString("00000000-0000-0000-0000-00000000000f");
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    private final List<String> sets = new ArrayList<>();

    private Receiver receiver(SourceMerge.Mode mode, boolean acceptPreview, SlotValues values) {
        return new Receiver("/sacn", Set.of(1, 2), mode, acceptPreview, values, OWN,
                (address, value) -> sets.add(address + " " + value));
    }

    private Receiver receiver() { return receiver(SourceMerge.Mode.HTP, false, new SlotValues(false, null)); }

    static E131Packet.Data packet(UUID cid, String name, int priority, int universe, int sequence, int options, int... slots) {
        byte[] b = new byte[slots.length];
        for (int i = 0; i < slots.length; i++) b[i] = (byte) slots[i];
        return new E131Packet.Data(cid, name, priority, 0, sequence, options, universe, 0, b);
    }

    /** How the SET of {@code _source} shows: Map{name, cid, priority}. */
    private static String source(UUID cid, String name, int priority) {
        return "/sacn/1/_source {name=\"" + name + "\", cid=\"" + cid + "\", priority=" + priority + "}";
    }

    private List<String> taken() {
        List<String> out = List.copyOf(sets);
        sets.clear();
        return out;
    }

    @Test
    void aFirstSourceWritesItsSlotsThenItsNameAndActive() {
        Receiver r = receiver();
        assertThat(r.receive(packet(A, "console", 100, 1, 0, 0, 10, 0, 30), 0)).isNull();
        assertThat(taken()).containsExactly("/sacn/1/1 10", "/sacn/1/3 30",
                source(A, "console", 100), "/sacn/1/_active true");
        assertThat(r.receive(packet(A, "console", 100, 1, 1, 0, 10, 5, 30), 10 * MS)).isNull();
        assertThat(taken()).containsExactly("/sacn/1/2 5");   // only what changed
        assertThat(r.sources()).isEqualTo(1);
    }

    @Test
    void theHigherPriorityWinsAndEqualPrioritiesMergeHighestTakesPrecedence() {
        Receiver r = receiver();
        r.receive(packet(A, "main", 100, 1, 0, 0, 100, 0), 0);
        r.receive(packet(B, "backup", 50, 1, 0, 0, 255, 255), 0);
        taken();
        r.receive(packet(A, "main", 100, 1, 1, 0, 100, 0), 10 * MS);
        assertThat(taken()).isEmpty();   // backup's 255s lose to main's priority
        r.receive(packet(B, "backup", 100, 1, 1, 0, 50, 70), 20 * MS);   // backup now at main's priority: HTP
        assertThat(taken()).containsExactly("/sacn/1/2 70");
        r.receive(packet(B, "backup", 120, 1, 2, 0, 50, 70), 30 * MS);   // backup above main: only backup counts
        assertThat(taken()).containsExactly("/sacn/1/1 50",
                source(B, "backup", 120));
    }

    @Test
    void ltpTakesEachSlotsLatestChange() {
        Receiver r = receiver(SourceMerge.Mode.LTP, false, new SlotValues(false, null));
        r.receive(packet(A, "a", 100, 1, 0, 0, 200, 200), 0);
        r.receive(packet(B, "b", 100, 1, 0, 0, 10, 200), 0);
        assertThat(taken()).startsWith("/sacn/1/1 200", "/sacn/1/2 200").contains("/sacn/1/1 10");
        r.receive(packet(A, "a", 100, 1, 1, 0, 200, 30), 10 * MS);   // a repeats slot 1, changes slot 2
        assertThat(taken()).containsExactly("/sacn/1/2 30");
    }

    @Test
    void packetsUpToTwentyBehindTheLastAreOutOfOrderAndDroppedAcrossTheWrap() {
        Receiver r = receiver();
        assertThat(r.receive(packet(A, "a", 100, 1, 250, 0, 1), 0)).isNull();
        assertThat(r.receive(packet(A, "a", 100, 1, 3, 0, 2), 1 * MS)).isNull();      // 250 → 3: 9 ahead, across the wrap
        assertThat(r.receive(packet(A, "a", 100, 1, 3, 0, 9), 2 * MS))
                .isEqualTo("out of order: sequence 3 after 3 from 'a' " + A + " on universe 1");   // a duplicate
        assertThat(r.receive(packet(A, "a", 100, 1, 240, 0, 9), 3 * MS))
                .isEqualTo("out of order: sequence 240 after 3 from 'a' " + A + " on universe 1");  // 19 behind
        assertThat(r.receive(packet(A, "a", 100, 1, 239, 0, 4), 4 * MS)).isNull();    // 20 behind: a restarted source
        assertThat(r.receive(packet(A, "a", 100, 1, 240, 0, 5), 5 * MS)).isNull();
        assertThat(taken()).filteredOn(s -> s.startsWith("/sacn/1/1 ")).containsExactly("/sacn/1/1 1", "/sacn/1/1 2",
                "/sacn/1/1 4", "/sacn/1/1 5");
        // sequences are per source and per universe
        assertThat(r.receive(packet(B, "b", 100, 1, 0, 0, 0), 6 * MS)).isNull();
        assertThat(r.receive(packet(A, "a", 100, 2, 0, 0, 0), 6 * MS)).isNull();
    }

    @Test
    void aSilentSourceIsLostAfterTwoAndAHalfSecondsAndTheMergeFallsBack() {
        Receiver r = receiver();
        r.receive(packet(A, "main", 150, 1, 0, 0, 200), 0);
        r.receive(packet(B, "backup", 100, 1, 0, 0, 50), 0);
        taken();
        r.receive(packet(B, "backup", 100, 1, 1, 0, 50), 2_000 * MS);
        r.expire(2_500 * MS);
        assertThat(taken()).isEmpty();   // main was heard 2.5 s ago: not more
        r.expire(2_501 * MS);
        assertThat(taken()).containsExactly("/sacn/1/1 50",
                source(B, "backup", 100));
        assertThat(r.sources()).isEqualTo(1);
        r.expire(4_501 * MS);
        assertThat(taken()).containsExactly("/sacn/1/_source null", "/sacn/1/_active false");   // the slots keep their look
        assertThat(r.sources()).isZero();
        // main comes back: a fresh stream, whatever its sequence
        assertThat(r.receive(packet(A, "main", 150, 1, 0, 0, 200), 5_000 * MS)).isNull();
        assertThat(taken()).containsExactly("/sacn/1/1 200",
                source(A, "main", 150), "/sacn/1/_active true");
    }

    @Test
    void aTerminatedStreamIsDroppedAtOnce() {
        Receiver r = receiver();
        r.receive(packet(A, "main", 150, 1, 0, 0, 200), 0);
        r.receive(packet(B, "backup", 100, 1, 0, 0, 50), 0);
        taken();
        assertThat(r.receive(packet(A, "main", 150, 1, 1, E131.OPTION_TERMINATED, 0), 10 * MS)).isNull();
        assertThat(taken()).containsExactly("/sacn/1/1 50",
                source(B, "backup", 100));
        r.receive(packet(B, "backup", 100, 1, 1, E131.OPTION_TERMINATED, 0), 20 * MS);
        assertThat(taken()).containsExactly("/sacn/1/_source null", "/sacn/1/_active false");
        r.receive(packet(B, "backup", 100, 1, 2, E131.OPTION_TERMINATED, 0), 30 * MS);   // the 2nd and 3rd: nothing more
        assertThat(taken()).isEmpty();
    }

    @Test
    void previewOtherStartCodesOwnPacketsAndOtherUniversesDoNotReachTheSlots() {
        Receiver r = receiver();
        assertThat(r.receive(packet(A, "viz", 100, 1, 0, E131.OPTION_PREVIEW, 9), 0))
                .isEqualTo("preview data from 'viz' " + A + " on universe 1");
        E131Packet.Data dd = new E131Packet.Data(A, "viz", 100, 0, 1, 0, 1, 0xDD, new byte[] {1});
        assertThat(r.receive(dd, 0)).isEqualTo("start code 0xdd from 'viz' " + A + " on universe 1");
        assertThat(r.receive(packet(OWN, "me", 100, 1, 0, 0, 9), 0)).isNull();
        assertThat(r.receive(packet(A, "a", 100, 3, 0, 0, 9), 0)).isNull();
        assertThat(taken()).isEmpty();
        assertThat(r.sources()).isZero();
        r.expire(3_000 * MS);   // the preview-only source's sequence is forgotten too: a new stream starts at 0
        assertThat(r.receive(packet(A, "viz", 100, 1, 0, 0, 9), 3_001 * MS)).isNull();

        Receiver previews = receiver(SourceMerge.Mode.HTP, true, new SlotValues(false, null));
        sets.clear();
        assertThat(previews.receive(packet(A, "viz", 100, 1, 0, E131.OPTION_PREVIEW, 9), 0)).isNull();
        assertThat(taken()).startsWith("/sacn/1/1 9");
    }

    @Test
    void slotValuesFollowNormalizeOrAConfiguredScale() {
        Receiver normalized = receiver(SourceMerge.Mode.HTP, false, new SlotValues(true, null));
        normalized.receive(packet(A, "a", 100, 1, 0, 0, 51), 0);
        assertThat(taken()).startsWith("/sacn/1/1 0.2");
        Receiver percent = receiver(SourceMerge.Mode.HTP, false, new SlotValues(false, LinearScale.configured(2.55, 0, 0, 255)));
        percent.receive(packet(A, "a", 100, 1, 0, 0, 255), 0);
        assertThat(taken()).startsWith("/sacn/1/1 100.0");
    }

    @Test
    void discoveryListsAreCollectedPageByPageAndForgottenWhenStale() {
        Receiver r = receiver();
        r.discovery(new E131Packet.Discovery(A, "console", 0, 1, new int[] {1, 2, 3}), 0);
        assertThat(r.discovered()).isEmpty();   // not complete before its last page
        r.discovery(new E131Packet.Discovery(A, "console", 1, 1, new int[] {7}), 0);
        r.discovery(new E131Packet.Discovery(B, "node", 0, 0, new int[] {20}), 0);
        r.discovery(new E131Packet.Discovery(OWN, "me", 0, 0, new int[] {99}), 0);
        assertThat(r.discovered()).isEqualTo("console: 1-3, 7; node: 20");
        r.discovery(new E131Packet.Discovery(B, "node", 0, 0, new int[] {21}), 20_000 * MS);
        r.expire(30_001 * MS);
        assertThat(r.discovered()).isEqualTo("node: 21");
    }
}
