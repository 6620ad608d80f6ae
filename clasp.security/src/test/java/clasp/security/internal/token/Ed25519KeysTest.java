package clasp.security.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc8032FirstVectorFromItsSeed() {
        KeyPair pair = Ed25519Keys.fromSeed(HEX.parseHex(
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

        assertThat(HEX.formatHex(Ed25519Keys.rawPublicKey(pair.getPublic())))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] signature = Ed25519Keys.sign(pair.getPrivate(), new byte[0]);
        assertThat(HEX.formatHex(signature)).isEqualTo(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assertThat(Ed25519Keys.verify(Ed25519Keys.rawPublicKey(pair.getPublic()), new byte[0], signature)).isTrue();
    }

    @Test
    void rawKeysRoundTripThroughTheJdkEncodings() throws Exception {
        KeyPair pair = Ed25519Keys.generate();
        byte[] seed = Ed25519Keys.seed(pair.getPrivate());
        byte[] raw = Ed25519Keys.rawPublicKey(pair.getPublic());

        assertThat(Ed25519Keys.seed(Ed25519Keys.privateKey(seed))).isEqualTo(seed);
        assertThat(Ed25519Keys.rawPublicKey(Ed25519Keys.publicKey(raw))).isEqualTo(raw);
        assertThat(Ed25519Keys.rawPublicKey(Ed25519Keys.fromSeed(seed).getPublic())).isEqualTo(raw);
    }

    @Test
    void malformedInputVerifiesNothing() {
        byte[] raw = TestTokens.raw(TestTokens.ROOT);
        byte[] signature = Ed25519Keys.sign(TestTokens.ROOT.getPrivate(), new byte[] {1});

        assertThat(Ed25519Keys.verify(raw, new byte[] {2}, signature)).isFalse();
        assertThat(Ed25519Keys.verify(new byte[31], new byte[] {1}, signature)).isFalse();
        assertThat(Ed25519Keys.verify(raw, new byte[] {1}, new byte[63])).isFalse();
        byte[] notAPoint = new byte[32];
        java.util.Arrays.fill(notAPoint, (byte) 0xff);
        assertThat(Ed25519Keys.verify(notAPoint, new byte[] {1}, signature)).isFalse();
        assertThatThrownBy(() -> Ed25519Keys.fromSeed(new byte[31]))
                .hasMessage("an Ed25519 seed has 32 bytes, not 31");
    }
}
