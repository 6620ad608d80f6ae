package clasp.protocol;

import clasp.api.ArrayValue;
import clasp.api.BytesValue;
import clasp.api.MapValue;
import clasp.api.StringValue;
import clasp.api.Value;
import clasp.api.message.ParamEntry;
import clasp.api.message.SignalDefinition;
import java.util.Map;

/** Encoded sizes computed without encoding, for splitting SNAPSHOT and RESULT messages into frames by bytes. */
public final class WireSizes {
    /** Bytes of a SNAPSHOT or RESULT payload before its entries: type code and u16 count. */
    public static final int LIST_HEADER_BYTES = 3;

    private WireSizes() {}

    /** UTF-8 bytes of {@code s} as the encoder writes it (a lone surrogate takes the 3 bytes of U+FFFD). */
    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }

    /** A value with its type code byte. */
    public static int valueSize(Value v) {
        return 1 + switch (v.kind()) {
            case NULL -> 0;
            case BOOL -> 1;
            case INT, FLOAT -> 8;
            case STRING -> 2 + utf8Length(((StringValue) v).value());
            case BYTES -> 2 + ((BytesValue) v).length();
            case ARRAY -> {
                int n = 2;
                for (Value item : ((ArrayValue) v).items()) n += valueSize(item);
                yield n;
            }
            case MAP -> {
                int n = 2;
                for (Map.Entry<String, Value> e : ((MapValue) v).entries().entrySet()) {
                    n += 2 + utf8Length(e.getKey()) + valueSize(e.getValue());
                }
                yield n;
            }
        };
    }

    /** One SNAPSHOT entry. */
    public static int paramEntrySize(ParamEntry p) {
        return 2 + utf8Length(p.address()) + valueSize(p.value()) + 8 + 1
                + (p.writer() != null ? 2 + utf8Length(p.writer()) : 0) + (p.timestamp() != null ? 8 : 0);
    }

    /** One RESULT entry (no meta on the wire). */
    public static int resultEntrySize(SignalDefinition s) {
        return 2 + utf8Length(s.address()) + 1 + 1
                + (s.datatype() != null ? 2 + utf8Length(s.datatype()) : 0)
                + (s.access() != null ? 2 + utf8Length(s.access()) : 0);
    }
}
