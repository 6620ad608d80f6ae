package clasp.security.internal.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The wire form of capability tokens, byte-compatible with the reference for root tokens: {@code cap_} + base64url
 * without padding of a MessagePack map with field names, in the reference's field order. Decoding bounds every length
 * and fails only with {@link CapabilityFormatException}.
 */
public final class CapabilityCodec {
    /** Longest token text accepted. */
    public static final int MAX_TEXT_LENGTH = 16 * 1024;
    /** Most scopes a token may carry. */
    public static final int MAX_SCOPES = 256;
    /** Most proof links (and nested parents) a token may carry, whatever the validator's depth limit. */
    public static final int MAX_CHAIN = 16;
    static final int MAX_SCOPE_BYTES = 1024;
    static final int MAX_NONCE_BYTES = 128;
    private static final int MAX_FIELD_NAME_BYTES = 32;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private CapabilityCodec() {
    }

    /** The token text: {@code cap_} + base64url-no-pad of {@link #bytes}. */
    public static String encode(CapabilityToken token) {
        return CapabilityToken.PREFIX + BASE64.encodeToString(bytes(token));
    }

    /** The wire map: absent audience and empty proofs left out; a delegated token's parent before the signature. */
    public static byte[] bytes(CapabilityToken token) {
        return pack(token, true);
    }

    /**
     * What the issuer signs: the same fields without the signature, {@code audience} nil when absent and {@code proofs}
     * always present; for a delegated token the parent too. For a root token this is the reference's signable form.
     */
    public static byte[] signable(CapabilityToken token) {
        return pack(token, false);
    }

    /** Decodes a token text; the parent chain is decoded but nothing is verified. */
    public static CapabilityToken decode(String text) throws CapabilityFormatException {
        if (!text.startsWith(CapabilityToken.PREFIX)) {
            throw new CapabilityFormatException("missing cap_ prefix");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new CapabilityFormatException("token longer than " + MAX_TEXT_LENGTH + " characters");
        }
        String body = text.substring(CapabilityToken.PREFIX.length());
        if (body.isEmpty()) {
            throw new CapabilityFormatException("empty token");
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!alphabet) {
                throw new CapabilityFormatException("invalid base64url character at offset " + i);
            }
        }
        if (body.length() % 4 == 1) {
            throw new CapabilityFormatException("invalid base64url: a length of " + body.length()
                    + " characters cannot hold whole bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new CapabilityFormatException("invalid base64url: " + e.getMessage());
        }
        return decodeBytes(bytes);
    }

    /** Decodes a wire map (without prefix or base64). */
    public static CapabilityToken decodeBytes(byte[] bytes) throws CapabilityFormatException {
        return decodeBytes(bytes, 0);
    }

    private static CapabilityToken decodeBytes(byte[] bytes, int nesting) throws CapabilityFormatException {
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(bytes)) {
            CapabilityToken token = new Reader(in, bytes.length, nesting).token();
            if (in.hasNext()) {
                throw new CapabilityFormatException("trailing bytes after the token");
            }
            return token;
        } catch (MessageInsufficientBufferException e) {
            throw new CapabilityFormatException("truncated input");
        } catch (MessagePackException | IOException e) {
            throw new CapabilityFormatException("invalid MessagePack: " + e.getMessage());
        }
    }

    private static byte[] pack(CapabilityToken token, boolean wire) {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            boolean withAudience = !wire || token.audience() != null;
            boolean withProofs = !wire || !token.proofs().isEmpty();
            int fields = 5 + (withAudience ? 1 : 0) + (withProofs ? 1 : 0) + (token.parent() != null ? 1 : 0)
                    + (wire ? 1 : 0);
            out.packMapHeader(fields);
            key(out, "version").packInt(token.version());
            bytesAsArray(key(out, "issuer"), token.issuer());
            if (withAudience) {
                key(out, "audience");
                if (token.audience() == null) {
                    out.packNil();
                } else {
                    bytesAsArray(out, token.audience());
                }
            }
            strings(key(out, "scopes"), token.scopes());
            unsigned(key(out, "expires_at"), token.expiresAt());
            string(key(out, "nonce"), token.nonce());
            if (withProofs) {
                key(out, "proofs").packArrayHeader(token.proofs().size());
                for (ProofLink link : token.proofs()) {
                    out.packMapHeader(3);
                    bytesAsArray(key(out, "issuer"), link.issuer());
                    strings(key(out, "scopes"), link.scopes());
                    bin(key(out, "signature"), link.signature());
                }
            }
            if (token.parent() != null) {
                bin(key(out, "parent"), bytes(token.parent()));
            }
            if (wire) {
                bin(key(out, "signature"), token.signature());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("packing into memory failed", e);
        }
    }

    private static MessagePacker key(MessagePacker out, String name) throws IOException {
        return string(out, name);
    }

    // The packer picks the smallest form itself for strings given as bytes; a String could get a wider header.
    private static MessagePacker string(MessagePacker out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return out.packRawStringHeader(utf8.length).writePayload(utf8);
    }

    private static void strings(MessagePacker out, List<String> values) throws IOException {
        out.packArrayHeader(values.size());
        for (String value : values) {
            string(out, value);
        }
    }

    // Vec<u8> without serde_bytes: an array of integers, each in its smallest form.
    private static void bytesAsArray(MessagePacker out, byte[] bytes) throws IOException {
        out.packArrayHeader(bytes.length);
        for (byte b : bytes) {
            out.packInt(b & 0xff);
        }
    }

    private static void bin(MessagePacker out, byte[] bytes) throws IOException {
        out.packBinaryHeader(bytes.length).writePayload(bytes);
    }

    private static void unsigned(MessagePacker out, long value) throws IOException {
        if (value >= 0) {
            out.packLong(value);
        } else {
            out.packBigInteger(new BigInteger(Long.toUnsignedString(value)));
        }
    }

    /** Reads one token map, checking the kind and bounds of every value before taking it. */
    private static final class Reader {
        private static final BigInteger U64_LIMIT = BigInteger.ONE.shiftLeft(64);
        private final MessageUnpacker in;
        private final int size;
        private final int nesting;

        Reader(MessageUnpacker in, int size, int nesting) {
            this.in = in;
            this.size = size;
            this.nesting = nesting;
        }

        CapabilityToken token() throws IOException, CapabilityFormatException {
            int fields = header(ValueType.MAP, "the token");
            Set<String> seen = new HashSet<>();
            Integer version = null;
            byte[] issuer = null;
            byte[] audience = null;
            List<String> scopes = null;
            Long expiresAt = null;
            String nonce = null;
            List<ProofLink> proofs = List.of();
            CapabilityToken parent = null;
            byte[] signature = null;
            for (int i = 0; i < fields; i++) {
                String name = string("a field name", MAX_FIELD_NAME_BYTES);
                if (!seen.add(name)) {
                    throw new CapabilityFormatException("duplicate field `" + name + "`");
                }
                switch (name) {
                    case "version" -> version = (int) integer("version", 255);
                    case "issuer" -> issuer = key("issuer");
                    case "audience" -> audience = nil() ? null : key("audience");
                    case "scopes" -> scopes = scopes("scopes");
                    case "expires_at" -> expiresAt = integer("expires_at", -1);
                    case "nonce" -> nonce = string("nonce", MAX_NONCE_BYTES);
                    case "proofs" -> proofs = proofs();
                    case "parent" -> parent = parent();
                    case "signature" -> signature = bin("signature", Ed25519Keys.SIGNATURE_LENGTH);
                    default -> throw new CapabilityFormatException("unknown field `" + name + "`");
                }
            }
            require(version, "`version`");
            require(issuer, "`issuer`");
            require(scopes, "`scopes`");
            require(expiresAt, "`expires_at`");
            require(nonce, "`nonce`");
            require(signature, "`signature`");
            return new CapabilityToken(version, issuer, audience, scopes, expiresAt, nonce, proofs, parent, signature);
        }

        private List<ProofLink> proofs() throws IOException, CapabilityFormatException {
            int count = header(ValueType.ARRAY, "proofs");
            if (count > MAX_CHAIN) {
                throw new CapabilityFormatException("more than " + MAX_CHAIN + " proofs");
            }
            List<ProofLink> links = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                links.add(proof());
            }
            return links;
        }

        private ProofLink proof() throws IOException, CapabilityFormatException {
            int fields = header(ValueType.MAP, "a proof");
            byte[] issuer = null;
            List<String> scopes = null;
            byte[] signature = null;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < fields; i++) {
                String name = string("a field name", MAX_FIELD_NAME_BYTES);
                if (!seen.add(name)) {
                    throw new CapabilityFormatException("duplicate field `" + name + "` in a proof");
                }
                switch (name) {
                    case "issuer" -> issuer = key("proof issuer");
                    case "scopes" -> scopes = scopes("proof scopes");
                    case "signature" -> signature = bin("proof signature", Ed25519Keys.SIGNATURE_LENGTH);
                    default -> throw new CapabilityFormatException("unknown field `" + name + "` in a proof");
                }
            }
            require(issuer, "`issuer` in a proof");
            require(scopes, "`scopes` in a proof");
            require(signature, "`signature` in a proof");
            return new ProofLink(issuer, scopes, signature);
        }

        private CapabilityToken parent() throws IOException, CapabilityFormatException {
            if (nesting >= MAX_CHAIN) {
                throw new CapabilityFormatException("parents nested deeper than " + MAX_CHAIN);
            }
            return decodeBytes(bin("parent", -1), nesting + 1);
        }

        private List<String> scopes(String what) throws IOException, CapabilityFormatException {
            int count = header(ValueType.ARRAY, what);
            if (count > MAX_SCOPES) {
                throw new CapabilityFormatException(what + ": more than " + MAX_SCOPES + " entries");
            }
            List<String> scopes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                scopes.add(string(what, MAX_SCOPE_BYTES));
            }
            return scopes;
        }

        /** A 32-byte key as the reference writes it: an array of 32 integers 0..255. */
        private byte[] key(String what) throws IOException, CapabilityFormatException {
            int count = header(ValueType.ARRAY, what);
            if (count != Ed25519Keys.KEY_LENGTH) {
                throw new CapabilityFormatException(what + ": expected " + Ed25519Keys.KEY_LENGTH + " bytes, found "
                        + count);
            }
            byte[] key = new byte[count];
            for (int i = 0; i < count; i++) {
                key[i] = (byte) integer(what, 255);
            }
            return key;
        }

        /** An unsigned integer up to {@code max}, or any u64 (as unsigned bits) when max is -1. */
        private long integer(String what, long max) throws IOException, CapabilityFormatException {
            expect(ValueType.INTEGER, what);
            BigInteger value = in.unpackBigInteger();
            BigInteger limit = max < 0 ? U64_LIMIT : BigInteger.valueOf(max + 1);
            if (value.signum() < 0 || value.compareTo(limit) >= 0) {
                throw new CapabilityFormatException(what + ": " + value + " is out of range");
            }
            return value.longValue();
        }

        private String string(String what, int maxBytes) throws IOException, CapabilityFormatException {
            expect(ValueType.STRING, what);
            int length = in.unpackRawStringHeader();
            bounded(what, length, maxBytes);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in.readPayload(length)))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new CapabilityFormatException(what + ": invalid UTF-8");
            }
        }

        /** A bin of exactly {@code length} bytes, or of any length that fits the input when length is -1. */
        private byte[] bin(String what, int length) throws IOException, CapabilityFormatException {
            expect(ValueType.BINARY, what);
            int actual = in.unpackBinaryHeader();
            bounded(what, actual, length < 0 ? size : length);
            if (length >= 0 && actual != length) {
                throw new CapabilityFormatException(what + ": expected " + length + " bytes, found " + actual);
            }
            return in.readPayload(actual);
        }

        private boolean nil() throws IOException, CapabilityFormatException {
            if (nextType() == ValueType.NIL) {
                in.unpackNil();
                return true;
            }
            return false;
        }

        private int header(ValueType type, String what) throws IOException, CapabilityFormatException {
            expect(type, what);
            int count = type == ValueType.MAP ? in.unpackMapHeader() : in.unpackArrayHeader();
            // Each entry takes at least one byte: a count beyond the input is a lie, refused before any allocation.
            bounded(what, count, size);
            return count;
        }

        private void bounded(String what, int length, int max) throws CapabilityFormatException {
            long remaining = size - in.getTotalReadBytes();
            if (length < 0 || length > remaining) {
                throw new CapabilityFormatException("truncated input");
            }
            if (length > max) {
                throw new CapabilityFormatException(what + ": longer than " + max + " bytes");
            }
        }

        private void expect(ValueType type, String what) throws IOException, CapabilityFormatException {
            ValueType found = nextType();
            if (found != type) {
                throw new CapabilityFormatException(what + ": expected " + type.name().toLowerCase() + ", found "
                        + found.name().toLowerCase());
            }
        }

        private ValueType nextType() throws IOException, CapabilityFormatException {
            MessageFormat format = in.getNextFormat();
            if (format == MessageFormat.NEVER_USED) {
                throw new CapabilityFormatException("invalid MessagePack: byte 0xc1 is never used");
            }
            return format.getValueType();
        }

        private static void require(Object value, String field) throws CapabilityFormatException {
            if (value == null) {
                throw new CapabilityFormatException("missing field " + field);
            }
        }
    }
}
