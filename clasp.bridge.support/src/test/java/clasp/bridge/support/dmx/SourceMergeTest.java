package clasp.bridge.support.dmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceMergeTest {
    private static final long S = 1_000_000_000L;

    private static byte[] slots(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    @Test
    void htpTakesEachSlotsHighestValue() {
        SourceMerge merge = new SourceMerge(SourceMerge.Mode.HTP, 10 * S);
        DmxFrame out = new DmxFrame();
        merge.receive("a", 100, slots(200, 10, 0), 0, 3, 0);
        merge.receive("b", 100, slots(50, 90, 255), 0, 3, 0);
        List<Integer> changed = new ArrayList<>();
        merge.mergeInto(out, changed::add);
        assertThat(changed).containsExactly(1, 2, 3);
        assertThat(new int[] {out.get(1), out.get(2), out.get(3)}).containsExactly(200, 90, 255);
    }

    @Test
    void ltpTakesTheLastChangeOfEachSlotAndKeepAlivesDoNotFlicker() {
        SourceMerge merge = new SourceMerge(SourceMerge.Mode.LTP, 10 * S);
        DmxFrame out = new DmxFrame();
        merge.receive("a", 100, slots(10, 10), 0, 2, 0);
        merge.receive("b", 100, slots(20, 10), 0, 2, 0);
        merge.mergeInto(out, s -> {});
        assertThat(out.get(1)).isEqualTo(20);
        merge.receive("a", 100, slots(10, 30), 0, 2, 1);   // a repeats slot 1 unchanged, changes slot 2
        merge.mergeInto(out, s -> {});
        assertThat(new int[] {out.get(1), out.get(2)}).containsExactly(20, 30);
    }

    @Test
    void onlyTheHighestPriorityTakesPartAndSilentSourcesExpire() {
        SourceMerge merge = new SourceMerge(SourceMerge.Mode.HTP, (long) (2.5 * S));
        DmxFrame out = new DmxFrame();
        merge.receive("backup", 50, slots(255), 0, 1, 0);
        merge.receive("main", 150, slots(7), 0, 1, 0);
        merge.mergeInto(out, s -> {});
        assertThat(out.get(1)).isEqualTo(7);
        assertThat(merge.leaders()).containsExactly("main");
        merge.receive("backup", 50, slots(255), 0, 1, 2 * S);
        assertThat(merge.expire(3 * S)).containsExactly("main");
        merge.mergeInto(out, s -> {});
        assertThat(out.get(1)).isEqualTo(255);
        assertThat(merge.remove("backup")).isTrue();
        assertThat(merge.size()).isZero();
        assertThat(merge.topPriority()).isEqualTo(-1);
        merge.mergeInto(out, s -> {});
        assertThat(out.get(1)).isEqualTo(255);   // no source: the last look holds
    }
}
