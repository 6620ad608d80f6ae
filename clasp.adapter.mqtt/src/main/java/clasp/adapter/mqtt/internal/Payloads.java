package clasp.adapter.mqtt.internal;

import clasp.api.NullValue;
import clasp.api.Value;
import clasp.mqtt.mapping.PayloadFormat;

/**
 * The listener's payload mapping: its configured {@link PayloadFormat} (shared with the MQTT bridge: bridges.md §7.3),
 * except that an empty payload is Null and Null an empty payload, both ways, in every format: in MQTT an empty
 * retained message is no retained message. Immutable.
 *
 * @param format the format named by the {@code payload} attribute
 */
record Payloads(PayloadFormat format) {
    private static final byte[] EMPTY = new byte[0];

    /** The format named {@code text}; an IllegalArgumentException names the valid ones. */
    static Payloads parse(String text) {
        PayloadFormat format = PayloadFormat.named(text == null || text.isBlank() ? "auto" : text);
        if (format == null) throw new IllegalArgumentException("payload must be auto, json, number, string or bytes, is " + text);
        return new Payloads(format);
    }

    /** The value of a payload, or null when the format cannot read it. */
    Value decode(byte[] payload) {
        return payload.length == 0 ? NullValue.INSTANCE : format.decode(payload);
    }

    /** The payload of a value, or null when the format cannot write it. */
    byte[] encode(Value value) {
        return value instanceof NullValue ? EMPTY : format.encode(value);
    }
}
