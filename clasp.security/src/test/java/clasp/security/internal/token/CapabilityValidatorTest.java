package clasp.security.internal.token;

import static clasp.security.internal.token.TestTokens.ALICE;
import static clasp.security.internal.token.TestTokens.BOB;
import static clasp.security.internal.token.TestTokens.LATER;
import static clasp.security.internal.token.TestTokens.MALLORY;
import static clasp.security.internal.token.TestTokens.MINT;
import static clasp.security.internal.token.TestTokens.NOW;
import static clasp.security.internal.token.TestTokens.ROOT;
import static clasp.security.internal.token.TestTokens.handMade;
import static clasp.security.internal.token.TestTokens.proofsUnder;
import static clasp.security.internal.token.TestTokens.raw;
import static clasp.security.internal.token.TestTokens.validator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.security.internal.token.CapabilityValidator.Outcome;
import clasp.security.internal.token.CapabilityValidator.Verdict;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityValidatorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> ALL = List.of("admin:/**", "write:/lights/**", "read:/lights/**");

    private final CapabilityToken root = MINT.root(ROOT, ALL, LATER, raw(ALICE));

    @Test
    void rootTokenOfATrustAnchorIsValid() {
        Verdict verdict = validator(NOW).validate(CapabilityCodec.encode(root));

        assertThat(verdict.outcome()).isEqualTo(Outcome.VALID);
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.token()).isEqualTo(root);
    }

    @Test
    void delegationTwoLevelsDeepIsValidAndClampsExpiry() {
        CapabilityToken child = MINT.delegate(root, ALICE, List.of("write:/lights/**", "read:/lights/**"), LATER + 99,
                raw(BOB));
        CapabilityToken grandchild = MINT.delegate(child, BOB, List.of("read:/lights/**"), LATER - 10, null);

        Verdict verdict = validator(NOW).validate(CapabilityCodec.encode(grandchild));

        assertThat(verdict.outcome()).isEqualTo(Outcome.VALID);
        assertThat(child.expiresAt()).isEqualTo(LATER);
        assertThat(verdict.token().expiresAt()).isEqualTo(LATER - 10);
        assertThat(verdict.token().depth()).isEqualTo(2);
        assertThat(verdict.token().rootIssuer()).isEqualTo(raw(ROOT));
        assertThat(verdict.token().parent()).isEqualTo(child);
        assertThat(verdict.token().proofs()).containsExactly(ProofLink.of(root), ProofLink.of(child));
    }

    @Test
    void forgedChainClaimingATrustedRootFails() {
        // The reference accepts this: its own signature is good and proofs[0].issuer is a trust anchor.
        ProofLink claimed = new ProofLink(raw(ROOT), List.of("admin:/**"), new byte[64]);
        CapabilityToken forged = handMade(MALLORY, List.of("admin:/**"), LATER, List.of(claimed), null, null);

        Verdict verdict = validator(NOW).validate(CapabilityCodec.encode(forged));

        assertThat(verdict.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(verdict.reason())
                .isEqualTo("invalid proof chain: the token at depth 1 does not carry its parent token");
    }

    @Test
    void aRealParentDoesNotLetAnotherKeyDelegate() {
        CapabilityToken stolen = handMade(MALLORY, List.of("read:/lights/**"), LATER, proofsUnder(root), root, null);

        Verdict verdict = validator(NOW).validate(CapabilityCodec.encode(stolen));

        assertThat(verdict.reason()).isEqualTo("invalid proof chain: the token at depth 1 is signed by "
                + HEX.formatHex(raw(MALLORY)) + ", not by the key its parent delegates to (" + HEX.formatHex(raw(ALICE))
                + ")");
        assertThatThrownBy(() -> MINT.delegate(root, MALLORY, List.of("read:/lights/**"), LATER, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key " + HEX.formatHex(raw(MALLORY)) + " may not delegate this token: only "
                        + HEX.formatHex(raw(ALICE)) + " may");
    }

    @Test
    void withoutAudienceOnlyTheIssuerDelegates() {
        CapabilityToken bearer = MINT.root(ROOT, ALL, LATER, null);

        CapabilityToken byIssuer = MINT.delegate(bearer, ROOT, List.of("read:/lights/**"), LATER, null);
        CapabilityToken byHolder = handMade(ALICE, List.of("read:/lights/**"), LATER, proofsUnder(bearer), bearer,
                null);

        assertThat(validator(NOW).validate(CapabilityCodec.encode(byIssuer)).outcome()).isEqualTo(Outcome.VALID);
        assertThat(validator(NOW).validate(CapabilityCodec.encode(byHolder)).reason())
                .startsWith("invalid proof chain: the token at depth 1 is signed by " + HEX.formatHex(raw(ALICE)));
    }

    @Test
    void proofsThatMisstateTheParentFail() {
        List<ProofLink> widened = List.of(new ProofLink(raw(ROOT), List.of("admin:/**", "admin:/x"),
                root.signature()));
        CapabilityToken child = handMade(ALICE, List.of("admin:/x"), LATER, widened, root, null);

        assertThat(validator(NOW).validate(CapabilityCodec.encode(child)).reason())
                .isEqualTo("invalid proof chain: the proofs of the token at depth 1 do not match its parent token");
    }

    @Test
    void aTamperedParentFailsItsSignature() {
        CapabilityToken tamperedRoot = new CapabilityToken(1, raw(ROOT), raw(ALICE), List.of("admin:/**",
                "admin:/x"), LATER, root.nonce(), List.of(), null, root.signature());
        CapabilityToken child = handMade(ALICE, List.of("admin:/x"), LATER, proofsUnder(tamperedRoot), tamperedRoot,
                null);

        assertThat(validator(NOW).validate(CapabilityCodec.encode(child)).reason())
                .isEqualTo("invalid proof chain: invalid signature on the parent token at depth 0");
    }

    @Test
    void aRootCarryingAParentFails() {
        CapabilityToken odd = handMade(ROOT, ALL, LATER, List.of(), root, null);

        assertThat(validator(NOW).validate(CapabilityCodec.encode(odd)).reason())
                .isEqualTo("invalid proof chain: the root token at depth 0 carries a parent");
    }

    @Test
    void aChildOutlivingItsParentFails() {
        CapabilityToken child = handMade(ALICE, List.of("admin:/**"), LATER + 1, proofsUnder(root), root, null);

        assertThat(validator(NOW).validate(CapabilityCodec.encode(child)).reason())
                .isEqualTo("invalid proof chain: the token at depth 1 expires after its parent");
    }

    @Test
    void expiredStrictlyAfterExpiresAt() {
        String text = CapabilityCodec.encode(root);

        assertThat(validator(LATER).validate(text).outcome()).isEqualTo(Outcome.VALID);
        Verdict after = validator(LATER + 1).validate(text);
        assertThat(after.outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(after.reason()).isEqualTo("token expired");
    }

    @Test
    void tamperedScopesFailTheSignature() {
        CapabilityToken widened = new CapabilityToken(1, raw(ROOT), raw(ALICE), List.of("admin:/**", "admin:/more"),
                LATER, root.nonce(), List.of(), null, root.signature());

        Verdict verdict = validator(NOW).validate(CapabilityCodec.encode(widened));

        assertThat(verdict.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(verdict.reason()).isEqualTo("invalid signature");
    }

    @Test
    void overDelegationFailsInTheMintAndInTheValidator() {
        CapabilityToken narrow = MINT.root(ROOT, List.of("read:/lights/**"), LATER, raw(ALICE));

        assertThatThrownBy(() -> MINT.delegate(narrow, ALICE, List.of("admin:/**"), LATER, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scope attenuation violation: scope 'admin:/**' is not granted by the parent "
                        + "[read:/lights/**]");
        CapabilityToken wider = handMade(ALICE, List.of("admin:/**"), LATER, proofsUnder(narrow), narrow, null);
        assertThat(validator(NOW).validate(CapabilityCodec.encode(wider)).reason()).isEqualTo(
                "scope attenuation violation: scope 'admin:/**' is not granted by the parent [read:/lights/**]");
    }

    @Test
    void overDelegationInsideTheProofsIsNamedWithItsDepth() {
        CapabilityToken narrow = MINT.root(ROOT, List.of("read:/a"), LATER, raw(ALICE));
        CapabilityToken wider = handMade(ALICE, List.of("read:/b"), LATER, proofsUnder(narrow), narrow, raw(BOB));
        CapabilityToken leaf = MINT.delegate(wider, BOB, List.of("read:/b"), LATER, null);

        assertThat(validator(NOW).validate(CapabilityCodec.encode(leaf)).reason()).isEqualTo(
                "scope attenuation violation: at depth 1: scope 'read:/b' is not granted by the parent [read:/a]");
    }

    @Test
    void chainsDeeperThanTheMaximumFail() {
        CapabilityToken token = MINT.root(ROOT, ALL, LATER, null);
        for (int i = 0; i < 6; i++) {
            token = MINT.delegate(token, ROOT, ALL, LATER, null);
        }
        CapabilityToken six = token;
        CapabilityToken five = six.parent();

        assertThat(validator(NOW).validate(CapabilityCodec.encode(five)).outcome()).isEqualTo(Outcome.VALID);
        assertThat(validator(NOW).validate(CapabilityCodec.encode(six)).reason())
                .isEqualTo("delegation chain too deep: 6 exceeds max 5");
    }

    @Test
    void untrustedRootIsNamedInHex() {
        CapabilityToken foreign = MINT.root(MALLORY, ALL, LATER, null);

        assertThat(validator(NOW).validate(CapabilityCodec.encode(foreign)).reason())
                .isEqualTo("untrusted issuer: " + HEX.formatHex(raw(MALLORY)));
    }

    @Test
    void otherPrefixesAreNotMine() {
        Verdict verdict = validator(NOW).validate("cpsk_0123");

        assertThat(verdict.outcome()).isEqualTo(Outcome.NOT_MINE);
        assertThat(verdict.token()).isNull();
    }

    @Test
    void undecodableTokensAreInvalidWithTheEncodingReason() {
        Verdict verdict = validator(NOW).validate("cap_!!!");

        assertThat(verdict.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(verdict.reason()).isEqualTo("encoding error: invalid base64url character at offset 0");
    }
}
