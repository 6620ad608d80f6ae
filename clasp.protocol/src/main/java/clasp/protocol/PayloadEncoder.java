package clasp.protocol;

import clasp.api.ArrayValue;
import clasp.api.BoolValue;
import clasp.api.BytesValue;
import clasp.api.Feature;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.MapValue;
import clasp.api.NullValue;
import clasp.api.SignalType;
import clasp.api.StringValue;
import clasp.api.Value;
import clasp.api.message.*;
import clasp.protocol.EncodeException.Kind;
import java.util.Map;
import java.util.Set;

/** Encodes one message body in the compact binary form (wire-format §4, §6). */
final class PayloadEncoder {
    private final WireWriter w;
    private final int maxDepth;

    PayloadEncoder(WireWriter w, int maxDepth) {
        this.w = w;
        this.maxDepth = maxDepth;
    }

    void message(Message m, int depth) throws EncodeException {
        w.u8(m.type().code());
        switch (m.type()) {
            case PUBLISH -> publish((PublishMessage) m);
            case SET -> set((SetMessage) m);
            case BUNDLE -> bundle((BundleMessage) m, depth);
            default -> other(m);
        }
        w.checkPayloadSize();
    }

    /**
     * The body of every type but PUBLISH, SET and BUNDLE. Kept out of {@link #message} so that the hot path stays
     * small enough for the JIT to inline, and the per-frame encoder and writer objects are scalar-replaced.
     */
    private void other(Message m) throws EncodeException {
        switch (m.type()) {
            case HELLO -> {
                HelloMessage h = (HelloMessage) m;
                w.u8Field(h.version(), "version");
                w.u8(featureBits(h.features()));
                w.string(h.name(), "name");
                w.string(orEmpty(h.token()), "token");
            }
            case WELCOME -> {
                WelcomeMessage h = (WelcomeMessage) m;
                w.u8Field(h.version(), "version");
                w.u8(featureBits(h.features()));
                w.i64(h.time());
                w.string(h.session(), "session");
                w.string(h.name(), "name");
                w.string(orEmpty(h.token()), "token");
            }
            case ANNOUNCE -> {
                AnnounceMessage a = (AnnounceMessage) m;
                w.string(orEmpty(a.namespace()), "namespace");
                w.count(a.signals().size(), "signals");
                for (SignalDefinition s : a.signals()) signal(s, true);
            }
            case FEDERATION_SYNC -> federationSync((FederationSyncMessage) m);
            case SUBSCRIBE -> {
                SubscribeMessage s = (SubscribeMessage) m;
                w.u32(s.id(), "id");
                w.string(s.pattern(), "pattern");
                w.u8(typeMask(s.types()));
                subscribeOptions(s.options());
            }
            case UNSUBSCRIBE -> w.u32(((UnsubscribeMessage) m).id(), "id");
            case GET -> w.string(((GetMessage) m).address(), "address");
            case SNAPSHOT -> {
                SnapshotMessage s = (SnapshotMessage) m;
                w.count(s.params().size(), "params");
                for (ParamEntry p : s.params()) {
                    w.string(p.address(), "param address");
                    value(p.value(), 0);
                    w.i64(p.revision());
                    w.u8((p.writer() != null ? 0x01 : 0) | (p.timestamp() != null ? 0x02 : 0));
                    if (p.writer() != null) w.string(p.writer(), "writer");
                    if (p.timestamp() != null) w.i64(p.timestamp());
                }
            }
            case REPLAY -> {
                ReplayMessage r = (ReplayMessage) m;
                w.u8((r.from() != null ? 0x80 : 0) | (r.to() != null ? 0x40 : 0) | (r.limit() != null ? 0x20 : 0));
                w.string(r.pattern(), "pattern");
                if (r.from() != null) w.i64(r.from());
                if (r.to() != null) w.i64(r.to());
                if (r.limit() != null) w.u32(r.limit(), "limit");
                w.u8(typeMask(r.types()));
            }
            case SYNC -> {
                SyncMessage s = (SyncMessage) m;
                w.u8((s.t2() != null ? 0x01 : 0) | (s.t3() != null ? 0x02 : 0));
                w.i64(s.t1());
                if (s.t2() != null) w.i64(s.t2());
                if (s.t3() != null) w.i64(s.t3());
            }
            case PING -> { }
            case PONG -> { }
            case ACK -> {
                AckMessage a = (AckMessage) m;
                w.u8((a.address() != null ? 0x01 : 0) | (a.revision() != null ? 0x02 : 0) | (a.locked() != null ? 0x04 : 0)
                        | (a.holder() != null ? 0x08 : 0) | (a.correlationId() != null ? 0x10 : 0));
                if (a.address() != null) w.string(a.address(), "address");
                if (a.revision() != null) w.i64(a.revision());
                if (a.locked() != null) w.u8(a.locked() ? 1 : 0);
                if (a.holder() != null) w.string(a.holder(), "holder");
                if (a.correlationId() != null) w.u32(a.correlationId(), "correlationId");
            }
            case ERROR -> {
                ErrorMessage e = (ErrorMessage) m;
                w.u16Field(e.code(), "code");
                w.string(e.message(), "message");
                w.u8((e.address() != null ? 0x01 : 0) | (e.correlationId() != null ? 0x02 : 0));
                if (e.address() != null) w.string(e.address(), "address");
                if (e.correlationId() != null) w.u32(e.correlationId(), "correlationId");
            }
            case QUERY -> w.string(((QueryMessage) m).pattern(), "pattern");
            case RESULT -> {
                ResultMessage r = (ResultMessage) m;
                w.count(r.signals().size(), "signals");
                for (SignalDefinition s : r.signals()) signal(s, false);
            }
        }
    }

    private static String orEmpty(String s) { return s == null ? "" : s; }

    private static int featureBits(Set<Feature> features) {
        int bits = 0;
        for (Feature f : features) bits |= f.bit();
        return bits;
    }

    /** No filter (an empty set) is written as 0xFF. */
    private static int typeMask(Set<SignalType> types) {
        if (types.isEmpty()) return 0xFF;
        int mask = 0;
        for (SignalType t : types) mask |= t.maskBit();
        return mask;
    }

    private void signal(SignalDefinition s, boolean withMeta) throws EncodeException {
        w.string(s.address(), "signal address");
        w.u8(s.type().code());
        SignalMeta meta = withMeta ? s.meta() : null;
        w.u8((s.datatype() != null ? 0x01 : 0) | (s.access() != null ? 0x02 : 0) | (meta != null ? 0x04 : 0));
        if (s.datatype() != null) w.string(s.datatype(), "datatype");
        if (s.access() != null) w.string(s.access(), "access");
        if (meta == null) return;
        w.u8((meta.unit() != null ? 0x01 : 0) | (meta.hasRange() ? 0x02 : 0) | (meta.defaultValue() != null ? 0x04 : 0)
                | (meta.description() != null ? 0x08 : 0));
        if (meta.unit() != null) w.string(meta.unit(), "unit");
        if (meta.hasRange()) {
            w.f64(meta.min());
            w.f64(meta.max());
        }
        if (meta.defaultValue() != null) value(meta.defaultValue(), 0);
        if (meta.description() != null) w.string(meta.description(), "description");
    }

    private void federationSync(FederationSyncMessage f) throws EncodeException {
        w.u8(f.op().code());
        w.count(f.patterns().size(), "patterns");
        for (String p : f.patterns()) w.string(p, "pattern");
        w.count(f.revisions().size(), "revisions");
        for (Map.Entry<String, Long> e : f.revisions().entrySet()) {
            w.string(e.getKey(), "revision key");
            w.i64(e.getValue());
        }
        w.u8((f.sinceRevision() != null ? 0x80 : 0) | (f.origin() != null ? 0x40 : 0));
        if (f.sinceRevision() != null) w.i64(f.sinceRevision());
        if (f.origin() != null) w.string(f.origin(), "origin");
    }

    private void subscribeOptions(SubscribeOptions o) throws EncodeException {
        if (o == null) {
            w.u8(0);
            return;
        }
        w.u8((o.maxRate() != null ? 0x01 : 0) | (o.epsilon() != null ? 0x02 : 0) | (o.history() != null ? 0x04 : 0)
                | (o.window() != null ? 0x08 : 0));
        if (o.maxRate() != null) w.u32(o.maxRate(), "maxRate");
        if (o.epsilon() != null) w.f64(o.epsilon());
        if (o.history() != null) w.u32(o.history(), "history");
        if (o.window() != null) w.u32(o.window(), "window");
    }

    private void publish(PublishMessage p) throws EncodeException {
        w.u8((p.signal().code() << 5) | (p.timestamp() != null ? 0x10 : 0) | (p.id() != null ? 0x08 : 0) | p.phase().code());
        w.string(p.address(), "address");
        if (p.value() != null) {
            w.u8(1);
            value(p.value(), 0);
        } else if (p.samples() != null) {
            w.u8(2);
            int n = p.sampleCount();
            w.count(n, "samples");
            for (int i = 0; i < n; i++) w.f64(p.sample(i));
        } else {
            w.u8(0);
        }
        if (p.timestamp() != null) w.i64(p.timestamp());
        if (p.id() != null) w.u32(p.id(), "id");
        if (p.rate() != null) w.u32(p.rate(), "rate");
    }

    private void set(SetMessage s) throws EncodeException {
        w.u8((s.revision() != null ? 0x80 : 0) | (s.lock() ? 0x40 : 0) | (s.unlock() ? 0x20 : 0)
                | (s.ttl() != null ? 0x10 : 0) | valueCode(s.value()));
        w.string(s.address(), "address");
        valueBody(s.value(), 0);
        if (s.revision() != null) w.i64(s.revision());
        if (s.ttl() != null) w.u32(s.ttl().seconds() | (s.ttl().absolute() ? 0x8000_0000L : 0), "ttl");
    }

    private void bundle(BundleMessage b, int depth) throws EncodeException {
        if (depth >= maxDepth) throw new EncodeException(Kind.DEPTH, "bundles nested deeper than " + maxDepth);
        w.u8(b.timestamp() != null ? 0x80 : 0);
        w.count(b.messages().size(), "messages");
        if (b.timestamp() != null) w.i64(b.timestamp());
        for (Message inner : b.messages()) {
            int lengthAt = w.out().writerIndex();
            w.u16(0);
            message(inner, depth + 1);
            int length = w.out().writerIndex() - lengthAt - 2;
            if (length > WireWriter.U16_MAX) throw new EncodeException(Kind.TOO_LARGE, "bundle member exceeds 65535 bytes");
            w.out().setShort(lengthAt, length);
        }
    }

    /** The wire type code: integers are written as i64, floats as f64. */
    static int valueCode(Value v) {
        return switch (v.kind()) {
            case NULL -> 0x00;
            case BOOL -> 0x01;
            case INT -> 0x05;
            case FLOAT -> 0x07;
            case STRING -> 0x08;
            case BYTES -> 0x09;
            case ARRAY -> 0x0A;
            case MAP -> 0x0B;
        };
    }

    void value(Value v, int depth) throws EncodeException {
        w.u8(valueCode(v));
        valueBody(v, depth);
    }

    private void valueBody(Value v, int depth) throws EncodeException {
        switch (v.kind()) {
            case NULL -> { }
            case BOOL -> w.u8(((BoolValue) v).value() ? 1 : 0);
            case INT -> w.i64(((IntValue) v).value());
            case FLOAT -> w.f64(((FloatValue) v).value());
            case STRING -> w.string(((StringValue) v).value(), "string");
            case BYTES -> w.bytes(((BytesValue) v).toByteArray(), "bytes");
            case ARRAY -> array((ArrayValue) v, depth);
            case MAP -> map((MapValue) v, depth);
        }
    }

    private void array(ArrayValue a, int depth) throws EncodeException {
        if (depth >= maxDepth) throw new EncodeException(Kind.DEPTH, "values nested deeper than " + maxDepth);
        w.count(a.items().size(), "array");
        for (Value item : a.items()) {
            value(item, depth + 1);
            w.checkPayloadSize();
        }
    }

    private void map(MapValue m, int depth) throws EncodeException {
        if (depth >= maxDepth) throw new EncodeException(Kind.DEPTH, "values nested deeper than " + maxDepth);
        w.count(m.size(), "map");
        for (Map.Entry<String, Value> e : m.entries().entrySet()) {
            w.string(e.getKey(), "map key");
            value(e.getValue(), depth + 1);
        }
    }
}
