package clasp.store.mvstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SignalMeta;
import clasp.api.message.Ttl;
import clasp.api.store.AnnouncedSignal;
import clasp.api.store.JournalEntry;
import clasp.api.store.ParamRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    static final Value EVERY_KIND = Value.of(List.of(Value.ofNull(), Value.of(true), Value.of(false),
            Value.of(Long.MIN_VALUE), Value.of(-1), Value.of(Long.MAX_VALUE), Value.of(-0.0), Value.of(Double.NaN),
            Value.of(0.25), Value.of("späť ✓"), Value.of(new byte[] {0, -1, 7}), Value.of(List.of()),
            Value.of(orderedMap())));

    private static Map<String, Value> orderedMap() {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("z", Value.of(1));
        m.put("a", Value.of(List.of(Value.of("x"))));
        return m;
    }

    @Test
    void aParamKeepsEveryFieldButItsLock() {
        ParamRecord r = new ParamRecord("/mixer/1", EVERY_KIND, 42, "s-7", 1_700_000_000_123_456L, "s-9", new Ttl(30, true));
        ParamRecord back = RecordCodec.param("/mixer/1", RecordCodec.param(r));
        assertThat(back).isEqualTo(new ParamRecord("/mixer/1", EVERY_KIND, 42, "s-7", 1_700_000_000_123_456L, null, new Ttl(30, true)));
        assertThat(RecordCodec.param("/a", RecordCodec.param(new ParamRecord("/a", Value.of(1), 1, null, -5, null, null))))
                .isEqualTo(new ParamRecord("/a", Value.of(1), 1, null, -5, null, null));
    }

    @Test
    void aSignalKeepsItsDefinitionAndMeta() {
        AnnouncedSignal full = new AnnouncedSignal(new SignalDefinition("/fader", SignalType.PARAM, "f32", "rw",
                new SignalMeta("dB", -60.0, 12.0, Value.of(0.0), "master")), 123);
        AnnouncedSignal bare = new AnnouncedSignal(new SignalDefinition("/go", SignalType.EVENT), 5);
        AnnouncedSignal noRange = new AnnouncedSignal(new SignalDefinition("/x", SignalType.STREAM, null, null,
                new SignalMeta(null, null, null, null, "d")), 6);
        for (AnnouncedSignal s : List.of(full, bare, noRange)) {
            assertThat(RecordCodec.signal(s.definition().address(), RecordCodec.signal(s))).isEqualTo(s);
        }
    }

    @Test
    void journalEntriesKeepEveryMessageField() {
        JournalEntry set = new JournalEntry(99, "s-1", new SetMessage("/a", EVERY_KIND, 7L, false, false, new Ttl(0, false)));
        JournalEntry publish = new JournalEntry(100, "s-2", new PublishMessage("/g", SignalType.GESTURE, null,
                new double[] {1.5, -2}, 1234L, 9L, GesturePhase.MOVE, 60L));
        JournalEntry event = new JournalEntry(101, "s-3", PublishMessage.event("/e", Value.of("hit")));
        for (JournalEntry e : List.of(set, publish, event)) {
            byte[] bytes = RecordCodec.journal(e);
            assertThat(In.leadingLong(bytes)).isEqualTo(e.timestamp());
            assertThat(RecordCodec.journal(bytes)).isEqualTo(e);
        }
    }

    @Test
    void damagedRecordsAreRefused() {
        byte[] ok = RecordCodec.param(new ParamRecord("/a", Value.of("abc"), 1, "w", 1, null, null));
        assertThatThrownBy(() -> RecordCodec.param("/a", Arrays.copyOf(ok, ok.length - 1)))
                .isInstanceOf(CorruptRecordException.class);
        byte[] unknownFormat = ok.clone();
        unknownFormat[0] = 9;
        assertThatThrownBy(() -> RecordCodec.param("/a", unknownFormat)).hasMessage("unknown record format 9");
        assertThatThrownBy(() -> RecordCodec.param("/a", Arrays.copyOf(ok, ok.length + 1))).hasMessage("1 trailing bytes");
    }
}
