package clasp.store.mvstore.internal;

import clasp.api.ArrayValue;
import clasp.api.BoolValue;
import clasp.api.BytesValue;
import clasp.api.FloatValue;
import clasp.api.GesturePhase;
import clasp.api.IntValue;
import clasp.api.MapValue;
import clasp.api.SignalType;
import clasp.api.StringValue;
import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SignalMeta;
import clasp.api.message.Ttl;
import clasp.api.store.AnnouncedSignal;
import clasp.api.store.JournalEntry;
import clasp.api.store.ParamRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's binary format, version 1: every record starts with its format version, so a later version can read
 * older files. The address is the map key and is not repeated in a param or signal record. A param's lock holder is
 * not written (locks belong to sessions, which a restart ends). A journal entry starts with its timestamp (8 bytes
 * big-endian) so that a range read can skip entries without decoding them. A write-ahead log record is a param's
 * address and record, or its address and the revision a removal removed.
 */
final class RecordCodec {
    static final int FORMAT = 1;

    private static final int SET = 0;
    private static final int PUBLISH = 1;
    private static final int LOGGED_PARAM = 0;
    private static final int LOGGED_REMOVAL = 1;

    private RecordCodec() { }

    static byte[] param(ParamRecord r) {
        Out out = new Out().u8(FORMAT);
        value(out, r.value());
        out.varLong(r.revision()).optString(r.writer()).zigZag(r.timestamp());
        ttl(out, r.ttl());
        return out.toByteArray();
    }

    static ParamRecord param(String address, byte[] bytes) {
        In in = versioned(bytes);
        Value value = value(in);
        long revision = in.varLong();
        String writer = in.optString();
        long timestamp = in.zigZag();
        Ttl ttl = ttl(in);
        in.end();
        return new ParamRecord(address, value, revision, writer, timestamp, null, ttl);
    }

    /** A write-ahead log record: a param's new record, or (record null) the removal of the one at {@code removedRevision}. */
    record Logged(String address, ParamRecord record, long removedRevision) { }

    /** A write-ahead log record of a param's new record (its lock holder is not written). */
    static byte[] loggedParam(ParamRecord r) {
        return new Out().u8(FORMAT).u8(LOGGED_PARAM).string(r.address()).raw(param(r)).toByteArray();
    }

    /** A write-ahead log record of a param's removal: the revision of the record that was removed. */
    static byte[] loggedRemoval(String address, long removedRevision) {
        return new Out().u8(FORMAT).u8(LOGGED_REMOVAL).string(address).varLong(removedRevision).toByteArray();
    }

    static Logged logged(byte[] bytes) {
        In in = versioned(bytes);
        int kind = in.u8();
        String address = in.string();
        Logged logged;
        if (kind == LOGGED_PARAM) logged = new Logged(address, param(address, in.raw()), 0);
        else if (kind == LOGGED_REMOVAL) logged = new Logged(address, null, in.varLong());
        else throw new CorruptRecordException("unknown write-ahead log record kind " + kind);
        in.end();
        return logged;
    }

    static byte[] signal(AnnouncedSignal s) {
        SignalDefinition d = s.definition();
        Out out = new Out().u8(FORMAT).zigZag(s.announcedAt()).u8(d.type().code())
                .optString(d.datatype()).optString(d.access());
        SignalMeta m = d.meta();
        if (m == null) return out.u8(0).toByteArray();
        out.u8((m.hasRange() ? 1 : 0) | (m.defaultValue() != null ? 2 : 0) | 4)
                .optString(m.unit()).optString(m.description());
        if (m.hasRange()) out.fixedLong(Double.doubleToRawLongBits(m.min())).fixedLong(Double.doubleToRawLongBits(m.max()));
        if (m.defaultValue() != null) value(out, m.defaultValue());
        return out.toByteArray();
    }

    static AnnouncedSignal signal(String address, byte[] bytes) {
        In in = versioned(bytes);
        long announcedAt = in.zigZag();
        SignalType type = SignalType.fromCode(in.u8());
        String datatype = in.optString();
        String access = in.optString();
        int metaFlags = in.u8();
        SignalMeta meta = null;
        if (metaFlags != 0) {
            String unit = in.optString();
            String description = in.optString();
            Double min = null;
            Double max = null;
            if ((metaFlags & 1) != 0) {
                min = Double.longBitsToDouble(in.fixedLong());
                max = Double.longBitsToDouble(in.fixedLong());
            }
            Value defaultValue = (metaFlags & 2) != 0 ? value(in) : null;
            meta = new SignalMeta(unit, min, max, defaultValue, description);
        }
        in.end();
        return new AnnouncedSignal(new SignalDefinition(address, type, datatype, access, meta), announcedAt);
    }

    static byte[] journal(JournalEntry e) {
        Out out = new Out().fixedLong(e.timestamp()).u8(FORMAT).string(e.writer());
        if (e.message() instanceof SetMessage s) {
            out.u8(SET).string(s.address());
            value(out, s.value());
            out.zigZag(s.revision() == null ? -1 : s.revision());
            ttl(out, s.ttl());
        } else {
            PublishMessage p = (PublishMessage) e.message();
            out.u8(PUBLISH).string(p.address()).u8(p.signal().code()).u8(p.phase().code());
            int flags = (p.value() != null ? 1 : 0) | (p.samples() != null ? 2 : 0) | (p.timestamp() != null ? 4 : 0)
                    | (p.id() != null ? 8 : 0) | (p.rate() != null ? 16 : 0);
            out.u8(flags);
            if (p.value() != null) value(out, p.value());
            if (p.samples() != null) {
                out.varLong(p.sampleCount());
                for (int i = 0; i < p.sampleCount(); i++) out.fixedLong(Double.doubleToRawLongBits(p.sample(i)));
            }
            if (p.timestamp() != null) out.zigZag(p.timestamp());
            if (p.id() != null) out.zigZag(p.id());
            if (p.rate() != null) out.zigZag(p.rate());
        }
        return out.toByteArray();
    }

    static JournalEntry journal(byte[] bytes) {
        In in = new In(bytes);
        long timestamp = in.fixedLong();
        int format = in.u8();
        if (format != FORMAT) throw new CorruptRecordException("unknown record format " + format);
        String writer = in.string();
        int kind = in.u8();
        String address = in.string();
        JournalEntry entry;
        if (kind == SET) {
            Value value = value(in);
            long revision = in.zigZag();
            Ttl ttl = ttl(in);
            entry = new JournalEntry(timestamp, writer,
                    new SetMessage(address, value, revision < 0 ? null : revision, false, false, ttl));
        } else if (kind == PUBLISH) {
            SignalType signal = SignalType.fromCode(in.u8());
            GesturePhase phase = GesturePhase.fromCode(in.u8());
            int flags = in.u8();
            Value value = (flags & 1) != 0 ? value(in) : null;
            double[] samples = null;
            if ((flags & 2) != 0) {
                int n = in.length();
                samples = new double[n];
                for (int i = 0; i < n; i++) samples[i] = Double.longBitsToDouble(in.fixedLong());
            }
            Long ts = (flags & 4) != 0 ? in.zigZag() : null;
            Long id = (flags & 8) != 0 ? in.zigZag() : null;
            Long rate = (flags & 16) != 0 ? in.zigZag() : null;
            entry = new JournalEntry(timestamp, writer, new PublishMessage(address, signal, value, samples, ts, id, phase, rate));
        } else {
            throw new CorruptRecordException("unknown journal entry kind " + kind);
        }
        in.end();
        return entry;
    }

    private static In versioned(byte[] bytes) {
        In in = new In(bytes);
        int format = in.u8();
        if (format != FORMAT) throw new CorruptRecordException("unknown record format " + format);
        return in;
    }

    private static void ttl(Out out, Ttl ttl) {
        if (ttl == null) out.u8(0);
        else out.u8(ttl.absolute() ? 2 : 1).varLong(ttl.seconds());
    }

    private static Ttl ttl(In in) {
        int kind = in.u8();
        if (kind == 0) return null;
        if (kind > 2) throw new CorruptRecordException("unknown ttl kind " + kind);
        return new Ttl(in.varLong(), kind == 2);
    }

    static void value(Out out, Value v) {
        switch (v.kind()) {
            case NULL -> out.u8(0);
            case BOOL -> out.u8(((BoolValue) v).value() ? 2 : 1);
            case INT -> out.u8(3).zigZag(((IntValue) v).value());
            case FLOAT -> out.u8(4).fixedLong(Double.doubleToRawLongBits(((FloatValue) v).value()));
            case STRING -> out.u8(5).string(((StringValue) v).value());
            case BYTES -> out.u8(6).raw(((BytesValue) v).toByteArray());
            case ARRAY -> {
                List<Value> items = ((ArrayValue) v).items();
                out.u8(7).varLong(items.size());
                for (Value item : items) value(out, item);
            }
            case MAP -> {
                Map<String, Value> entries = ((MapValue) v).entries();
                out.u8(8).varLong(entries.size());
                entries.forEach((k, item) -> {
                    out.string(k);
                    value(out, item);
                });
            }
        }
    }

    static Value value(In in) {
        int tag = in.u8();
        return switch (tag) {
            case 0 -> Value.ofNull();
            case 1 -> Value.of(false);
            case 2 -> Value.of(true);
            case 3 -> Value.of(in.zigZag());
            case 4 -> Value.of(Double.longBitsToDouble(in.fixedLong()));
            case 5 -> Value.of(in.string());
            case 6 -> Value.of(in.raw());
            case 7 -> {
                int n = in.length();
                List<Value> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) items.add(value(in));
                yield new ArrayValue(items);
            }
            case 8 -> {
                int n = in.length();
                Map<String, Value> entries = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) entries.put(in.string(), value(in));
                yield MapValue.copyOf(entries);
            }
            default -> throw new CorruptRecordException("unknown value tag " + tag);
        };
    }
}
