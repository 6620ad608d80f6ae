package clasp.security.internal.token;

import static clasp.security.internal.token.TestTokens.ALICE;
import static clasp.security.internal.token.TestTokens.LATER;
import static clasp.security.internal.token.TestTokens.MINT;
import static clasp.security.internal.token.TestTokens.ROOT;
import static clasp.security.internal.token.TestTokens.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class CapabilityCodecTest {
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private final CapabilityToken child = MINT.delegate(MINT.root(ROOT, List.of("admin:/**", "write:/lights/**"), LATER,
            raw(ALICE)),
            ALICE, List.of("write:/lights/**"), LATER, null);

    @Test
    void delegatedTokensRoundTripWithTheirParent() throws Exception {
        String text = CapabilityCodec.encode(child);

        CapabilityToken decoded = CapabilityCodec.decode(text);

        assertThat(decoded).isEqualTo(child);
        assertThat(CapabilityCodec.encode(decoded)).isEqualTo(text);
    }

    @Test
    void badBase64() {
        assertFormat("cap_", "encoding error: empty token");
        assertFormat("cap_!!!not-valid!!!", "encoding error: invalid base64url character at offset 0");
        assertFormat("cap_" + BASE64.encodeToString(new byte[] {(byte) 0x80}) + "==",
                "encoding error: invalid base64url character at offset 2");
        assertFormat("cap_A",
                "encoding error: invalid base64url: a length of 1 characters cannot hold whole bytes");
        assertFormat("cpsk_x", "encoding error: missing cap_ prefix");
    }

    @Test
    void badMessagePack() {
        assertBytes(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef},
                "encoding error: truncated input");
        assertBytes(new byte[] {(byte) 0x92}, "encoding error: the token: expected map, found array");
        assertBytes(new byte[] {0x2a}, "encoding error: the token: expected map, found integer");
        assertBytes(new byte[] {(byte) 0xc1}, "encoding error: invalid MessagePack: byte 0xc1 is never used");
        assertBytes(new byte[] {(byte) 0xdf, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                "encoding error: truncated input");
    }

    @Test
    void everyTruncationFailsAsTruncatedOrMissingAField() {
        byte[] bytes = CapabilityCodec.bytes(child);
        for (int length = 0; length < bytes.length; length++) {
            String message = messageOf(Arrays.copyOf(bytes, length));
            assertThat(message).as("truncated to %d bytes", length)
                    .matches("encoding error: (truncated input|missing field `signature`)");
        }
    }

    @Test
    void unknownDuplicateAndMissingFields() throws IOException {
        assertBytes(map(p -> {
            p.packMapHeader(1);
            p.packString("extra").packInt(1);
        }), "encoding error: unknown field `extra`");
        assertBytes(map(p -> {
            p.packMapHeader(2);
            p.packString("version").packInt(1);
            p.packString("version").packInt(1);
        }), "encoding error: duplicate field `version`");
        assertBytes(map(p -> {
            p.packMapHeader(1);
            p.packString("version").packInt(1);
        }), "encoding error: missing field `issuer`");
    }

    @Test
    void wrongKindsAndRanges() throws IOException {
        assertBytes(map(p -> {
            p.packMapHeader(1);
            p.packString("version").packInt(256);
        }), "encoding error: version: 256 is out of range");
        assertBytes(map(p -> {
            p.packMapHeader(1);
            p.packString("issuer").packBinaryHeader(32).writePayload(new byte[32]);
        }), "encoding error: issuer: expected array, found binary");
        assertBytes(map(p -> {
            p.packMapHeader(1);
            p.packString("issuer").packArrayHeader(31);
            for (int i = 0; i < 31; i++) {
                p.packInt(0);
            }
        }), "encoding error: issuer: expected 32 bytes, found 31");
        assertBytes(map(p -> {
            p.packMapHeader(1);
            p.packString("expires_at").packInt(-1);
        }), "encoding error: expires_at: -1 is out of range");
        assertBytes(map(p -> {
            p.packMapHeader(1);
            p.packString("signature").packBinaryHeader(63).writePayload(new byte[63]);
        }), "encoding error: signature: expected 64 bytes, found 63");
        assertBytes(map(p -> {
            p.packMapHeader(1);
            p.packString("nonce").packRawStringHeader(2).writePayload(new byte[] {(byte) 0xc3, 0x28});
        }), "encoding error: nonce: invalid UTF-8");
    }

    @Test
    void sizesAreBounded() throws IOException {
        assertBytes(map(p -> {
            p.packMapHeader(1);
            p.packString("scopes").packArrayHeader(257);
            for (int i = 0; i < 257; i++) {
                p.packString("r:/a");
            }
        }), "encoding error: scopes: more than 256 entries");
        assertBytes(map(p -> {
            p.packMapHeader(1);
            p.packString("nonce").packString("n".repeat(129));
        }), "encoding error: nonce: longer than 128 bytes");
        assertFormat("cap_" + "A".repeat(CapabilityCodec.MAX_TEXT_LENGTH),
                "encoding error: token longer than 16384 characters");
    }

    @Test
    void tooManyNestedParentsAreRefusedBeforeRecursingFurther() {
        byte[] nested = CapabilityCodec.bytes(child);
        for (int i = 0; i < CapabilityCodec.MAX_CHAIN + 1; i++) {
            byte[] inner = nested;
            nested = map(p -> {
                p.packMapHeader(1);
                p.packString("parent").packBinaryHeader(inner.length).writePayload(inner);
            });
        }
        assertBytes(nested, "encoding error: parents nested deeper than 16");
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() {
        byte[] bytes = CapabilityCodec.bytes(child);
        Random random = new Random(42);
        for (int round = 0; round < 3000; round++) {
            byte[] corrupt = bytes.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            try {
                CapabilityCodec.decodeBytes(corrupt);
            } catch (CapabilityFormatException e) {
                assertThat(e.getMessage()).startsWith("encoding error: ");
            } catch (RuntimeException e) {
                fail("round " + round + " escaped with " + e);
            }
        }
    }

    @Test
    void mintRefusesAnAudienceOfTheWrongLength() {
        List<String> none = Collections.emptyList();
        assertThatThrownBy(() -> new CapabilityMint(TestTokens.SUBSET).root(ROOT, none, LATER, new byte[3]))
                .hasMessage("an audience is a 32-byte Ed25519 public key, not 3 bytes");
    }

    @Test
    void mintRefusesATokenTooLongToValidate() {
        List<String> many = java.util.stream.IntStream.range(0, 256)
                .mapToObj(i -> "read:/a/rather/long/path/with/several/more/segments/" + i).toList();

        assertThatThrownBy(() -> MINT.root(ROOT, many, LATER, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("the token would be \\d+ characters long, more than the 16384 a validator"
                        + " accepts");
    }

    private static void assertFormat(String text, String message) {
        assertThatThrownBy(() -> CapabilityCodec.decode(text)).isInstanceOf(CapabilityFormatException.class)
                .hasMessage(message);
    }

    private static void assertBytes(byte[] bytes, String message) {
        assertThat(messageOf(bytes)).isEqualTo(message);
        assertFormat("cap_" + BASE64.encodeToString(bytes), message);
    }

    private static String messageOf(byte[] bytes) {
        try {
            CapabilityCodec.decodeBytes(bytes);
            return "decoded";
        } catch (CapabilityFormatException e) {
            return e.getMessage();
        }
    }

    private interface Packing {
        void pack(MessageBufferPacker packer) throws IOException;
    }

    private static byte[] map(Packing packing) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packing.pack(packer);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
