package clasp.security.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Root tokens minted by an independent implementation (src/test/js/mint-cap.mjs: Node's Ed25519 and @msgpack/msgpack,
 * following the reference's token.rs) validate here, re-encode to the same text, and are minted identically here.
 */
class CapabilityVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<JsonNode> vectors() throws IOException {
        try (InputStream in = CapabilityVectorsTest.class.getResourceAsStream("/cap-vectors.json")) {
            JsonNode vectors = new ObjectMapper().readTree(in).get("vectors");
            List<JsonNode> list = new ArrayList<>();
            vectors.forEach(list::add);
            assertThat(list).hasSize(6);
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesToTheMintedFields(JsonNode vector) throws Exception {
        CapabilityToken token = CapabilityCodec.decode(vector.get("token").asText());

        assertThat(token.version()).isEqualTo(1);
        assertThat(HEX.formatHex(token.issuer())).isEqualTo(vector.get("publicKey").asText());
        assertThat(token.audience() == null ? null : HEX.formatHex(token.audience()))
                .isEqualTo(vector.get("audience").isNull() ? null : vector.get("audience").asText());
        assertThat(token.scopes()).isEqualTo(strings(vector.get("scopes")));
        assertThat(token.expiresAt()).isEqualTo(Long.parseLong(vector.get("expires_at").asText()));
        assertThat(token.nonce()).isEqualTo(vector.get("nonce").asText());
        assertThat(token.proofs()).isEmpty();
        assertThat(token.parent()).isNull();
        assertThat(HEX.formatHex(token.signature())).isEqualTo(vector.get("signature").asText());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void reEncodesByteExactAndSignsTheSameForm(JsonNode vector) throws Exception {
        String text = vector.get("token").asText();
        CapabilityToken token = CapabilityCodec.decode(text);

        assertThat(CapabilityCodec.encode(token)).isEqualTo(text);
        assertThat(HEX.formatHex(CapabilityCodec.signable(token))).isEqualTo(vector.get("signable").asText());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void mintingTheSameFieldsHereGivesTheSameText(JsonNode vector) {
        KeyPair key = Ed25519Keys.fromSeed(HEX.parseHex(vector.get("seed").asText()));
        byte[] audience = vector.get("audience").isNull() ? null : HEX.parseHex(vector.get("audience").asText());
        CapabilityToken unsigned = new CapabilityToken(1, Ed25519Keys.rawPublicKey(key.getPublic()), audience,
                strings(vector.get("scopes")), Long.parseLong(vector.get("expires_at").asText()),
                vector.get("nonce").asText(), List.of(), null, new byte[0]);

        // Ed25519 is deterministic: the same signable bytes and key give the same signature.
        CapabilityToken signed = unsigned.withSignature(Ed25519Keys.sign(key.getPrivate(),
                CapabilityCodec.signable(unsigned)));

        assertThat(CapabilityCodec.encode(signed)).isEqualTo(vector.get("token").asText());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void validatesUntilExpiresAtInclusive(JsonNode vector) {
        byte[] anchor = HEX.parseHex(vector.get("publicKey").asText());
        long expiresAt = Long.parseLong(vector.get("expires_at").asText());
        String text = vector.get("token").asText();

        CapabilityValidator.Verdict atExpiry = new CapabilityValidator(List.of(anchor), 5, TestTokens.SUBSET,
                TestTokens.at(expiresAt)).validate(text);
        CapabilityValidator.Verdict after = new CapabilityValidator(List.of(anchor), 5, TestTokens.SUBSET,
                TestTokens.at(expiresAt + 1)).validate(text);

        assertThat(atExpiry.outcome()).isEqualTo(CapabilityValidator.Outcome.VALID);
        assertThat(atExpiry.token().scopes()).isEqualTo(strings(vector.get("scopes")));
        assertThat(after.outcome()).isEqualTo(CapabilityValidator.Outcome.EXPIRED);
        assertThat(after.reason()).isEqualTo("token expired");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
