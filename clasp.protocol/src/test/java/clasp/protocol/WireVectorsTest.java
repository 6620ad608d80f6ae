package clasp.protocol;

import static clasp.protocol.VectorMessages.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import clasp.api.QoS;
import clasp.api.message.BundleMessage;
import clasp.api.message.Frame;
import clasp.api.message.Message;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Applies every vector of {@code wire-vectors.json} according to its {@code java} field (wire-format §14.1), one
 * dynamic test per vector, then checks that exactly the documented number of vectors passed per expectation.
 */
class WireVectorsTest {
    /** wire-format §14.1 totals: a dropped or renamed expectation fails the run. */
    static final Map<String, Integer> EXPECTED = expectedTotals();

    private static Map<String, Integer> expectedTotals() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("decode_reencode", 131);
        m.put("decode", 20);
        m.put("error", 7);
        m.put("encode", 3);
        m.put("encode_error", 3);
        return m;
    }

    private static final Map<String, DecodeException.Kind> DECODE_KINDS = Map.of(
            "truncated", DecodeException.Kind.TRUNCATED,
            "length_mismatch", DecodeException.Kind.LENGTH_MISMATCH,
            "bad_magic", DecodeException.Kind.BAD_MAGIC,
            "empty_payload", DecodeException.Kind.EMPTY_PAYLOAD,
            "unknown_type", DecodeException.Kind.UNKNOWN_TYPE,
            "unknown_value_type", DecodeException.Kind.UNKNOWN_VALUE_TYPE,
            "invalid_utf8", DecodeException.Kind.INVALID_UTF8,
            "depth", DecodeException.Kind.DEPTH);

    private static final Map<String, EncodeException.Kind> ENCODE_KINDS = Map.of(
            "too_large", EncodeException.Kind.TOO_LARGE,
            "invalid_field", EncodeException.Kind.INVALID_FIELD);

    private final ClaspCodec codec = ClaspCodec.defaults();

    @Test
    void vectorFileIsCompleteAndNamesAreUnique() {
        List<JsonNode> vectors = VectorMessages.load();
        assertThat(vectors).hasSize(164);
        Set<String> names = new HashSet<>();
        for (JsonNode v : vectors) assertThat(names.add(v.get("name").asText())).as("unique name").isTrue();
        Map<String, Long> byExpect = vectors.stream()
                .collect(Collectors.groupingBy(v -> v.get("java").get("expect").asText(), Collectors.counting()));
        Map<String, Long> expected = EXPECTED.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue()));
        assertThat(byExpect).isEqualTo(expected);
    }

    @TestFactory
    Stream<DynamicTest> vectors() {
        Map<String, AtomicInteger> checked = new LinkedHashMap<>();
        EXPECTED.keySet().forEach(k -> checked.put(k, new AtomicInteger()));
        Stream<DynamicTest> perVector = VectorMessages.load().stream().map(v -> dynamicTest(v.get("name").asText(), () -> {
            String expect = v.get("java").get("expect").asText();
            try {
                switch (expect) {
                    case "decode_reencode" -> checkDecode(v, true);
                    case "decode" -> checkDecode(v, false);
                    case "error" -> checkError(v);
                    case "encode" -> checkEncode(v);
                    case "encode_error" -> checkEncodeError(v);
                    default -> throw new AssertionError("unknown java.expect " + expect);
                }
            } catch (Throwable t) {
                // Surefire's console names dynamic tests by index; say which vector failed.
                throw new AssertionError("vector " + v.get("name").asText() + " (" + expect + "): " + t, t);
            }
            checked.get(expect).incrementAndGet();
        }));
        // Dynamic tests run in stream order, so this one runs after every vector.
        DynamicTest totals = dynamicTest("totals", () -> {
            int sum = checked.values().stream().mapToInt(AtomicInteger::get).sum();
            String line = checked.entrySet().stream().map(e -> e.getValue().get() + " " + e.getKey())
                    .collect(Collectors.joining(", ", "wire vectors: ", " = " + sum + " checked"));
            System.out.println(line);
            Map<String, Integer> actual = new LinkedHashMap<>();
            checked.forEach((k, n) -> actual.put(k, n.get()));
            assertThat(actual).as(line).isEqualTo(EXPECTED);
            assertThat(sum).isEqualTo(164);
        });
        return Stream.concat(perVector, Stream.of(totals));
    }

    // ---------------------------------------------------------------- expectations

    /** decode_reencode and decode: the frame decodes to the target; decode_reencode also re-encodes byte-exact. */
    private void checkDecode(JsonNode v, boolean reencode) throws Exception {
        JsonNode java = v.get("java");
        String frameHex = v.get("frame_hex").asText();
        byte[] bytes = hex(frameHex);
        Frame target = targetFrame(v, bytes);
        Frame decoded = decodeAllWays(bytes);

        assertThat(decoded.message()).as("decoded message").isEqualTo(target.message());
        assertThat(decoded.qos()).as("decoded QoS").isEqualTo(target.qos());
        assertThat(decoded.timestamp()).as("decoded frame timestamp").isEqualTo(target.timestamp());
        assertThat(decoded).isEqualTo(target);

        if (java.has("legacy_fields")) checkLegacyFields(decoded.message(), java.get("legacy_fields"));

        if (reencode) {
            assertThat(hex(encodeAllWays(decoded))).as("re-encoded decoded frame").isEqualTo(frameHex);
            assertThat(hex(encodeAllWays(target))).as("encoded target frame").isEqualTo(frameHex);
            if (java.path("encode_message").asBoolean(false)) {
                Frame own = new Frame(VectorMessages.message(v.get("message")), target.qos(), target.timestamp());
                assertThat(hex(encodeAllWays(own))).as("encoded vector message (encode_message)").isEqualTo(frameHex);
            }
        } else {
            // Re-encoding may differ from the input bytes (§14.1), but must be canonical: it decodes to the same frame.
            byte[] again = codec.encode(decoded);
            assertThat(codec.decode(again)).as("decode(encode(decoded))").isEqualTo(decoded);
        }
    }

    private void checkError(JsonNode v) {
        String kindName = v.get("java").get("error_kind").asText();
        DecodeException.Kind kind = DECODE_KINDS.get(kindName);
        assertThat(kind).as("error_kind " + kindName).isNotNull();
        byte[] bytes = hex(v.get("frame_hex").asText());

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> codec.decode(bytes));
        assertThat(e).as("decode(byte[]) must throw DecodeException").isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);

        ByteBuf buf = offsetBuffer(bytes);
        try {
            int reader = buf.readerIndex();
            DecodeException e2 = catchThrowableOfType(DecodeException.class, () -> codec.decode(buf));
            assertThat(e2).as("decode(ByteBuf) must throw DecodeException").isNotNull();
            assertThat(e2.kind()).as(e2.getMessage()).isEqualTo(kind);
            assertThat(buf.readerIndex()).as("reader index after a failed decode").isEqualTo(reader);
        } finally {
            buf.release();
        }
    }

    /** encode: the vector's message (plain numbers as f64) encodes to a §2 frame with the given payload length. */
    private void checkEncode(JsonNode v) throws Exception {
        JsonNode java = v.get("java");
        Message message = VectorMessages.message(v.get("message"));
        Frame frame = Frame.of(message);
        byte[] bytes = encodeAllWays(frame);
        int payloadLength = java.get("payload_length").asInt();

        assertThat(bytes[0] & 0xFF).as("magic").isEqualTo(0x53);
        int flags = bytes[1] & 0xFF;
        assertThat(flags & 0x07).as("version bits").isEqualTo(1);
        assertThat(flags & 0x20).as("frame timestamp flag").isZero();
        assertThat(flags & 0x18).as("encrypted/compressed flags").isZero();
        assertThat(flags >>> 6).as("QoS bits").isEqualTo(frame.qos().code());
        assertThat(((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF)).as("payloadLength").isEqualTo(payloadLength);
        assertThat(bytes).as("frame = 4-byte header + payload").hasSize(4 + payloadLength);

        String payloadHex = hex(bytes).substring(8);
        switch (v.get("name").asText()) {
            case "err_unknown_type" -> assertThat(payloadHex).isEqualTo("240000022f61ff");
            case "err_cjk_string_over_estimate" -> {
                // SET: type, flags (string), u16 address length, "/a", then the string's u16 byte length
                assertThat(payloadHex.substring(0, 12)).isEqualTo("210800022f61");
                assertThat(Integer.parseInt(payloadHex.substring(12, 16), 16)).as("UTF-8 length prefix").isEqualTo(9000);
            }
            case "err_bundle_over_estimate" -> {
                assertThat(payloadHex.substring(0, 4)).as("BUNDLE, no timestamp").isEqualTo("3000");
                assertThat(Integer.parseInt(payloadHex.substring(4, 8), 16)).as("inner message count").isEqualTo(300);
                assertThat(((BundleMessage) message).messages()).hasSize(300);
            }
            default -> { }
        }

        Frame decoded = decodeAllWays(bytes);
        assertThat(decoded).as("decoding the encoded frame").isEqualTo(frame);
    }

    /** encode_error: building the message (mapper) or encoding it fails with the typed exception; nothing written. */
    private void checkEncodeError(JsonNode v) throws Exception {
        String kindName = v.get("java").get("error_kind").asText();
        EncodeException.Kind kind = ENCODE_KINDS.get(kindName);
        assertThat(kind).as("error_kind " + kindName).isNotNull();

        Message message;
        try {
            message = VectorMessages.message(v.get("message"));
        } catch (EncodeException e) {
            assertThat(e.kind()).as("building the message: " + e.getMessage()).isEqualTo(kind);
            return;
        }
        Frame frame = Frame.of(message);
        EncodeException e = catchThrowableOfType(EncodeException.class, () -> codec.encode(frame));
        assertThat(e).as("encode(Frame) must throw EncodeException").isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);

        ByteBuf out = Unpooled.buffer();
        try {
            out.writeBytes(new byte[] {1, 2, 3});
            EncodeException e2 = catchThrowableOfType(EncodeException.class, () -> codec.encode(frame, out));
            assertThat(e2).as("encode(Frame, ByteBuf) must throw EncodeException").isNotNull();
            assertThat(e2.kind()).isEqualTo(kind);
            assertThat(out.readableBytes()).as("bytes in the output buffer after a failed encode").isEqualTo(3);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo("010203");
        } finally {
            out.release();
        }
        assertThatThrownBy(() -> codec.encode(frame, ByteBufAllocator.DEFAULT)).isInstanceOf(EncodeException.class);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The frame Java must decode to: java.message if given, else a non-null decoded, else message; QoS = java.qos
     * if given, else the header's (the frame's bits 7..6); frame timestamp = header.frame_timestamp.
     */
    private static Frame targetFrame(JsonNode v, byte[] bytes) throws EncodeException {
        JsonNode java = v.get("java");
        JsonNode m;
        if (java.has("message")) m = java.get("message");
        else if (v.has("decoded") && !v.get("decoded").isNull()) m = v.get("decoded");
        else m = v.get("message");
        assertThat(m).as("target message").isNotNull();
        assertThat(m.isNull()).as("target message is null").isFalse();
        Message message = VectorMessages.message(m);

        // The frame's own header, cross-checked against the parsed header where the vector has one.
        int flags = bytes[1] & 0xFF;
        int qosBits = flags >>> 6;
        Long timestamp = (flags & 0x20) != 0 ? Unpooled.wrappedBuffer(bytes).getLong(4) : null;
        JsonNode header = v.get("header");
        if (header != null && !header.isNull()) {
            assertThat(header.get("qos").asInt()).as("header.qos vs frame bits").isEqualTo(qosBits);
            JsonNode ts = header.get("frame_timestamp");
            Long headerTs = ts == null || ts.isNull() ? null : VectorMessages.u64(ts, "frame_timestamp");
            assertThat(headerTs).as("header.frame_timestamp vs frame bytes").isEqualTo(timestamp);
        }
        QoS qos = java.has("qos") ? qosOf(java.get("qos").asInt()) : qosOf(qosBits);
        return new Frame(message, qos, timestamp);
    }

    private static QoS qosOf(int code) {
        return code == 3 ? QoS.FIRE : QoS.values()[code];
    }

    /** Decodes via byte[], via a heap ByteBuf whose reader index is not 0, and via a direct ByteBuf; all agree. */
    private Frame decodeAllWays(byte[] bytes) throws DecodeException {
        Frame a = codec.decode(bytes);
        ByteBuf heap = offsetBuffer(bytes);
        ByteBuf direct = Unpooled.directBuffer(bytes.length + 1).writeByte(0xEE).writeBytes(bytes);
        try {
            direct.readerIndex(1);
            assertThat(codec.decode(heap)).as("decode(heap ByteBuf) vs decode(byte[])").isEqualTo(a);
            assertThat(codec.decode(direct)).as("decode(direct ByteBuf) vs decode(byte[])").isEqualTo(a);
        } finally {
            heap.release();
            direct.release();
        }
        return a;
    }

    /** The bytes at reader index 3 of a buffer that has junk before them. */
    private static ByteBuf offsetBuffer(byte[] bytes) {
        ByteBuf buf = Unpooled.buffer(bytes.length + 3);
        buf.writeBytes(new byte[] {(byte) 0xEE, (byte) 0xEE, (byte) 0xEE});
        buf.writeBytes(bytes);
        buf.readerIndex(3);
        return buf;
    }

    /** Encodes via all three entry points; they must agree. */
    private byte[] encodeAllWays(Frame frame) throws EncodeException {
        byte[] a = codec.encode(frame);
        ByteBuf b = codec.encode(frame, ByteBufAllocator.DEFAULT);
        ByteBuf c = Unpooled.buffer();
        try {
            assertThat(ByteBufUtil.hexDump(b)).as("encode(Frame, alloc)").isEqualTo(hex(a));
            c.writeBytes(new byte[] {9, 9});
            codec.encode(frame, c);
            c.skipBytes(2);
            assertThat(ByteBufUtil.hexDump(c)).as("encode(Frame, ByteBuf) appended after existing bytes").isEqualTo(hex(a));
        } finally {
            b.release();
            c.release();
        }
        return a;
    }

    /**
     * legacy_fields (§14.1): {@code present} fields are set, {@code absent} ones are null, {@code defaulted} ones
     * hold the given value. Paths use record component names, dotted into nested records.
     */
    private static void checkLegacyFields(Message message, JsonNode legacy) throws Exception {
        for (JsonNode p : legacy.path("present")) {
            assertThat(component(message, p.asText())).as("legacy field " + p.asText() + " present").isNotNull();
        }
        for (JsonNode p : legacy.path("absent")) {
            assertThat(component(message, p.asText())).as("legacy field " + p.asText() + " absent").isNull();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = legacy.path("defaulted").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Object actual = component(message, e.getKey());
            JsonNode expected = e.getValue();
            String what = "legacy field " + e.getKey() + " defaulted to " + expected;
            if (expected.isBoolean()) {
                assertThat(actual).as(what).isEqualTo(expected.booleanValue());
            } else if (expected.isArray()) {
                assertThat(actual).as(what).isInstanceOf(Collection.class);
                assertThat((Collection<?>) actual).as(what).hasSize(expected.size());
                assertThat(expected.size()).as("only empty lists are compared").isZero();
            } else if (expected.isNumber()) {
                assertThat(((Number) actual).longValue()).as(what).isEqualTo(expected.longValue());
            } else {
                throw new AssertionError("unsupported defaulted value " + expected);
            }
        }
    }

    /** The value of a dotted record-component path; null if an intermediate record is absent. */
    private static Object component(Object record, String path) throws Exception {
        Object current = record;
        for (String name : path.split("\\.")) {
            if (current == null) return null;
            RecordComponent found = null;
            for (RecordComponent rc : current.getClass().getRecordComponents()) if (rc.getName().equals(name)) found = rc;
            assertThat(found).as("record component " + name + " of " + current.getClass().getSimpleName()).isNotNull();
            current = found.getAccessor().invoke(current);
        }
        return current;
    }
}
