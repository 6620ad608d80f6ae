package clasp.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.SplittableRandom;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Random legacy MessagePack payloads (wire-format §11) for fuzzing: maps shaped like Rust serde messages (a "type"
 * name and the snake_case field names, nested signals/params/options/meta/messages/ttl), where each field usually
 * has the expected MessagePack type and sometimes any other, plus junk values of every format.
 */
final class RandomMsgPack {
    static final String[] TYPE_NAMES = {"HELLO", "WELCOME", "ANNOUNCE", "FEDERATION_SYNC", "SUBSCRIBE", "UNSUBSCRIBE",
            "PUBLISH", "SET", "GET", "SNAPSHOT", "REPLAY", "BUNDLE", "SYNC", "PING", "PONG", "ACK", "ERROR", "QUERY",
            "RESULT"};

    private static final String[] TOP_FIELDS = {"address", "value", "payload", "samples", "signal", "phase",
            "timestamp", "id", "rate", "revision", "lock", "unlock", "ttl", "pattern", "types", "options", "version",
            "features", "name", "token", "time", "session", "namespace", "signals", "params", "messages", "t1", "t2",
            "t3", "locked", "holder", "correlation_id", "code", "message", "from", "to", "limit", "writer", "timeline"};

    /** The expected shape of each field name. */
    private static final Map<String, String> SHAPE = Map.ofEntries(
            Map.entry("address", "str"), Map.entry("pattern", "str"), Map.entry("name", "str"), Map.entry("token", "str"),
            Map.entry("session", "str"), Map.entry("namespace", "str"), Map.entry("holder", "str"),
            Map.entry("message", "str"), Map.entry("writer", "str"), Map.entry("datatype", "str"),
            Map.entry("access", "str"), Map.entry("unit", "str"), Map.entry("description", "str"),
            Map.entry("signal", "signal"), Map.entry("type", "signal"), Map.entry("phase", "phase"),
            Map.entry("value", "any"), Map.entry("payload", "any"), Map.entry("default", "any"),
            Map.entry("samples", "numbers"), Map.entry("range", "numbers"),
            Map.entry("timestamp", "uint"), Map.entry("id", "uint"), Map.entry("rate", "uint"),
            Map.entry("revision", "uint"), Map.entry("version", "uint"), Map.entry("time", "uint"),
            Map.entry("t1", "uint"), Map.entry("t2", "uint"), Map.entry("t3", "uint"), Map.entry("code", "uint"),
            Map.entry("from", "uint"), Map.entry("to", "uint"), Map.entry("limit", "uint"),
            Map.entry("correlation_id", "uint"), Map.entry("max_rate", "uint"), Map.entry("history", "uint"),
            Map.entry("window", "uint"), Map.entry("epsilon", "float"),
            Map.entry("lock", "bool"), Map.entry("unlock", "bool"), Map.entry("locked", "bool"),
            Map.entry("types", "signals-names"), Map.entry("features", "feature-names"),
            Map.entry("ttl", "ttl"), Map.entry("options", "options"), Map.entry("meta", "meta"),
            Map.entry("signals", "signal-defs"), Map.entry("params", "param-entries"), Map.entry("messages", "messages"),
            Map.entry("timeline", "any"));

    private final SplittableRandom r;

    RandomMsgPack(SplittableRandom r) { this.r = r; }

    /** One payload: usually a message-shaped map, sometimes a junk map. */
    byte[] payload() {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        try {
            if (r.nextInt(20) == 0) {
                p.packMapHeader(r.nextInt(3));
                junkBody(p, 3);
            } else {
                message(p, 0);
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void junkBody(MessageBufferPacker p, int depth) throws IOException {
        // Completes a map header written by the caller with up to 2 entries; mismatched counts are fine for fuzzing.
        for (int i = r.nextInt(3); i > 0; i--) junk(p, depth);
    }

    private void message(MessageBufferPacker p, int depth) throws IOException {
        int n = 1 + r.nextInt(8);
        p.packMapHeader(n);
        p.packString("type");
        if (r.nextInt(30) == 0) junk(p, 1);
        else p.packString(r.nextInt(40) == 0 ? "NOPE" : TYPE_NAMES[r.nextInt(TYPE_NAMES.length)]);
        for (int i = 1; i < n; i++) field(p, TOP_FIELDS[r.nextInt(TOP_FIELDS.length)], depth);
    }

    private void field(MessageBufferPacker p, String key, int depth) throws IOException {
        p.packString(key);
        if (r.nextInt(6) == 0) {
            junk(p, 2);
            return;
        }
        switch (SHAPE.getOrDefault(key, "any")) {
            case "str" -> p.packString(string());
            case "signal" -> p.packString(pick("param", "event", "stream", "gesture", "timeline", "bogus", ""));
            case "phase" -> p.packString(pick("start", "move", "end", "cancel", "bogus"));
            case "any" -> junk(p, 3);
            case "numbers" -> {
                int n = r.nextInt(4);
                p.packArrayHeader(n);
                for (int i = 0; i < n; i++) {
                    if (r.nextInt(5) == 0) junk(p, 1);
                    else if (r.nextBoolean()) p.packDouble(r.nextDouble());
                    else p.packLong(r.nextLong());
                }
            }
            case "uint" -> uint(p);
            case "float" -> {
                if (r.nextBoolean()) p.packDouble(r.nextDouble());
                else p.packFloat((float) r.nextDouble());
            }
            case "bool" -> p.packBoolean(r.nextBoolean());
            case "signals-names" -> names(p, "param", "event", "stream", "gesture", "timeline", "x");
            case "feature-names" -> names(p, "param", "event", "stream", "gesture", "timeline", "federation", "x");
            case "ttl" -> {
                switch (r.nextInt(4)) {
                    case 0 -> p.packString(r.nextBoolean() ? "Never" : "Sometimes");
                    case 1 -> {
                        p.packMapHeader(1);
                        p.packString(pick("Sliding", "Absolute", "Other"));
                        uint(p);
                    }
                    case 2 -> {
                        p.packMapHeader(2);
                        p.packString("Sliding");
                        uint(p);
                        p.packString("Absolute");
                        uint(p);
                    }
                    default -> p.packNil();
                }
            }
            case "options" -> subMap(p, depth, "max_rate", "epsilon", "history", "window");
            case "meta" -> subMap(p, depth, "unit", "range", "default", "description");
            case "signal-defs" -> listOf(p, depth, "address", "type", "datatype", "access", "meta");
            case "param-entries" -> listOf(p, depth, "address", "value", "revision", "writer", "timestamp");
            case "messages" -> {
                int n = depth >= 3 ? 0 : r.nextInt(3);
                p.packArrayHeader(n);
                for (int i = 0; i < n; i++) message(p, depth + 1);
            }
            default -> junk(p, 2);
        }
    }

    private void subMap(MessageBufferPacker p, int depth, String... keys) throws IOException {
        int n = r.nextInt(keys.length + 1);
        p.packMapHeader(n);
        for (int i = 0; i < n; i++) field(p, keys[r.nextInt(keys.length)], depth + 1);
    }

    private void listOf(MessageBufferPacker p, int depth, String... keys) throws IOException {
        int n = r.nextInt(4);
        p.packArrayHeader(n);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(10) == 0) junk(p, 1);
            else subMap(p, depth, keys);
        }
    }

    private void names(MessageBufferPacker p, String... names) throws IOException {
        int n = r.nextInt(4);
        p.packArrayHeader(n);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(8) == 0) junk(p, 0);
            else p.packString(names[r.nextInt(names.length)]);
        }
    }

    private void uint(MessageBufferPacker p) throws IOException {
        switch (r.nextInt(6)) {
            case 0 -> p.packLong(r.nextInt(256));
            case 1 -> p.packLong(r.nextLong(0x1_0000_0000L));
            case 2 -> p.packLong(r.nextLong());
            case 3 -> p.packBigInteger(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.valueOf(1 + r.nextInt(10))));
            case 4 -> p.packLong(-1 - r.nextInt(10));
            default -> p.packDouble(r.nextInt(10) + 0.5);
        }
    }

    /** Any MessagePack value, of any format, nested up to {@code depth}. */
    private void junk(MessageBufferPacker p, int depth) throws IOException {
        switch (r.nextInt(depth > 0 ? 12 : 10)) {
            case 0 -> p.packNil();
            case 1 -> p.packBoolean(r.nextBoolean());
            case 2 -> p.packLong(r.nextLong());
            case 3 -> p.packBigInteger(BigInteger.valueOf(r.nextLong()).abs().shiftLeft(1));
            case 4 -> p.packFloat((float) r.nextDouble());
            case 5 -> p.packDouble(Double.longBitsToDouble(r.nextLong()));
            case 6 -> p.packString(string());
            case 7 -> {
                // A raw str header over bytes that may not be UTF-8.
                byte[] b = bytes(r.nextInt(6));
                p.packRawStringHeader(b.length);
                p.writePayload(b);
            }
            case 8 -> {
                byte[] b = bytes(r.nextInt(6));
                if (r.nextBoolean()) {
                    p.packBinaryHeader(b.length);
                } else {
                    p.packExtensionTypeHeader((byte) r.nextInt(-128, 128), b.length);
                }
                p.writePayload(b);
            }
            case 9 -> p.packLong(r.nextInt(-40, 300));
            case 10 -> {
                int n = r.nextInt(4);
                p.packArrayHeader(n);
                for (int i = 0; i < n; i++) junk(p, depth - 1);
            }
            default -> {
                int n = r.nextInt(3);
                p.packMapHeader(n);
                for (int i = 0; i < n; i++) {
                    if (r.nextInt(5) == 0) junk(p, 0);
                    else p.packString(r.nextBoolean() ? TOP_FIELDS[r.nextInt(TOP_FIELDS.length)] : string());
                    junk(p, depth - 1);
                }
            }
        }
    }

    private String pick(String... options) { return options[r.nextInt(options.length)]; }

    private String string() {
        int n = r.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append((char) (r.nextBoolean() ? 'a' + r.nextInt(26) : 0x400 + r.nextInt(64)));
        return sb.toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(256);
        return b;
    }
}
