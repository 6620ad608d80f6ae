package clasp.security.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signable and wire forms of one root token, laid out byte by byte as rmp_serde's named encoding writes them. */
class CapabilitySignableLayoutTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String NONCE = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    private final KeyPair key = TestTokens.seeded(5);
    private final byte[] issuer = TestTokens.raw(key);
    private final CapabilityToken token = new CapabilityToken(1, issuer, null, List.of("write:/mixer/*"), 300, NONCE,
            List.of(), null, new byte[64]);

    @Test
    void signableFormHasAllFieldsButTheSignatureWithNilAudienceAndEmptyProofs() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(0x87); // fixmap, 7 entries
        str(expected, "version");
        expected.write(0x01); // positive fixint 1
        str(expected, "issuer");
        issuerArray(expected);
        str(expected, "audience");
        expected.write(0xc0); // nil
        str(expected, "scopes");
        expected.write(0x91); // fixarray, 1 entry
        str(expected, "write:/mixer/*");
        str(expected, "expires_at");
        expected.writeBytes(new byte[] {(byte) 0xcd, 0x01, 0x2c}); // uint16 300
        str(expected, "nonce");
        expected.writeBytes(new byte[] {(byte) 0xd9, 36}); // str8: a 36-character UUID is too long for fixstr
        expected.writeBytes(NONCE.getBytes(StandardCharsets.US_ASCII));
        str(expected, "proofs");
        expected.write(0x90); // empty fixarray

        assertThat(HEX.formatHex(CapabilityCodec.signable(token))).isEqualTo(HEX.formatHex(expected.toByteArray()));
    }

    @Test
    void wireFormLeavesOutAbsentAudienceAndEmptyProofsAndEndsWithTheSignatureAsBin() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(0x86); // fixmap, 6 entries
        str(expected, "version");
        expected.write(0x01);
        str(expected, "issuer");
        issuerArray(expected);
        str(expected, "scopes");
        expected.write(0x91);
        str(expected, "write:/mixer/*");
        str(expected, "expires_at");
        expected.writeBytes(new byte[] {(byte) 0xcd, 0x01, 0x2c});
        str(expected, "nonce");
        expected.writeBytes(new byte[] {(byte) 0xd9, 36});
        expected.writeBytes(NONCE.getBytes(StandardCharsets.US_ASCII));
        str(expected, "signature");
        expected.writeBytes(new byte[] {(byte) 0xc4, 64}); // bin8, 64 bytes
        expected.writeBytes(new byte[64]);

        assertThat(HEX.formatHex(CapabilityCodec.bytes(token))).isEqualTo(HEX.formatHex(expected.toByteArray()));
    }

    // [u8; 32] without serde_bytes: array16 of 32 integers, each a positive fixint below 128, else uint8.
    private void issuerArray(ByteArrayOutputStream out) {
        out.writeBytes(new byte[] {(byte) 0xdc, 0x00, 0x20});
        for (byte b : issuer) {
            if ((b & 0xff) >= 0x80) {
                out.write(0xcc);
            }
            out.write(b);
        }
    }

    private static void str(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.write(0xa0 | utf8.length); // fixstr: every name and scope here is shorter than 32 bytes
        out.writeBytes(utf8);
    }
}
