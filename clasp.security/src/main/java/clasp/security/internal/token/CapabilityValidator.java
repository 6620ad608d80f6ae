package clasp.security.internal.token;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates {@code cap_} tokens in the reference's order and with its reason texts, then verifies every link of a
 * delegation chain against the complete parent tokens the token carries (the reference checks only the last signature,
 * so anyone could claim a trusted root in the proofs). Stateless: a token may be presented until it expires.
 */
public final class CapabilityValidator {
    /** The delegation depth accepted unless configured otherwise. */
    public static final int DEFAULT_MAX_DEPTH = 5;
    private static final HexFormat HEX = HexFormat.of();
    private final Set<String> trustAnchors;
    private final int maxDepth;
    private final ScopeAttenuation attenuation;
    private final Clock clock;

    /**
     * @param trustAnchors raw 32-byte public keys whose root tokens are accepted
     * @param maxDepth     most ancestors a token may have
     * @param attenuation  the check that a child's scopes stay within its parent's
     * @param clock        the time expiry is judged by
     */
    public CapabilityValidator(Collection<byte[]> trustAnchors, int maxDepth, ScopeAttenuation attenuation,
            Clock clock) {
        for (byte[] anchor : trustAnchors) {
            if (anchor.length != Ed25519Keys.KEY_LENGTH) {
                throw new IllegalArgumentException("a trust anchor is a 32-byte Ed25519 public key, not "
                        + anchor.length + " bytes");
            }
        }
        this.trustAnchors = trustAnchors.stream().map(HEX::formatHex).collect(Collectors.toUnmodifiableSet());
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must not be negative: " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.attenuation = attenuation;
        this.clock = clock;
    }

    /** Judges a token text presented at HELLO. */
    public Verdict validate(String text) {
        if (!text.startsWith(CapabilityToken.PREFIX)) {
            return Verdict.notMine();
        }
        CapabilityToken token;
        try {
            token = CapabilityCodec.decode(text);
        } catch (CapabilityFormatException e) {
            return Verdict.invalid(e.getMessage());
        }
        if (token.expiredAt(clock.instant())) {
            return new Verdict(Outcome.EXPIRED, "token expired", token);
        }
        if (token.depth() > maxDepth) {
            return Verdict.invalid("delegation chain too deep: " + token.depth() + " exceeds max " + maxDepth);
        }
        if (!signedByIssuer(token)) {
            return Verdict.invalid("invalid signature");
        }
        String root = HEX.formatHex(token.rootIssuer());
        if (!trustAnchors.contains(root)) {
            return Verdict.invalid("untrusted issuer: " + root);
        }
        String violation = attenuationViolation(token);
        if (violation != null) {
            return Verdict.invalid("scope attenuation violation: " + violation);
        }
        String broken = brokenLink(token);
        if (broken != null) {
            return Verdict.invalid("invalid proof chain: " + broken);
        }
        return new Verdict(Outcome.VALID, null, token);
    }

    private String attenuationViolation(CapabilityToken token) {
        List<ProofLink> proofs = token.proofs();
        for (int i = 1; i < proofs.size(); i++) {
            String violation = attenuation.violation(proofs.get(i).scopes(), proofs.get(i - 1).scopes());
            if (violation != null) {
                return "at depth " + i + ": " + violation;
            }
        }
        if (proofs.isEmpty()) {
            return null;
        }
        return attenuation.violation(token.scopes(), proofs.get(proofs.size() - 1).scopes());
    }

    /** Walks to the root: each parent present, matching the proofs, delegating to the child's signer, and signed. */
    private static String brokenLink(CapabilityToken token) {
        for (CapabilityToken child = token; child != null; child = child.parent()) {
            CapabilityToken parent = child.parent();
            int depth = child.depth();
            if (depth == 0) {
                return parent == null ? null : "the root token at depth 0 carries a parent";
            }
            if (parent == null) {
                return "the token at depth " + depth + " does not carry its parent token";
            }
            List<ProofLink> expected = new ArrayList<>(parent.proofs());
            expected.add(ProofLink.of(parent));
            if (!expected.equals(child.proofs())) {
                return "the proofs of the token at depth " + depth + " do not match its parent token";
            }
            if (!Arrays.equals(child.issuer(), parent.delegateKey())) {
                return "the token at depth " + depth + " is signed by " + HEX.formatHex(child.issuer())
                        + ", not by the key its parent delegates to (" + HEX.formatHex(parent.delegateKey()) + ")";
            }
            if (Long.compareUnsigned(child.expiresAt(), parent.expiresAt()) > 0) {
                return "the token at depth " + depth + " expires after its parent";
            }
            if (!signedByIssuer(parent)) {
                return "invalid signature on the parent token at depth " + (depth - 1);
            }
        }
        return null;
    }

    private static boolean signedByIssuer(CapabilityToken token) {
        return Ed25519Keys.verify(token.issuer(), CapabilityCodec.signable(token), token.signature());
    }

    /** What a validation came to. */
    public enum Outcome {
        /** Accepted: the token's scopes apply. */
        VALID,
        /** Not a {@code cap_} token: another validator may know it. */
        NOT_MINE,
        /** Past {@code expires_at} (ERROR 302 "Token has expired"). */
        EXPIRED,
        /** Refused for {@code reason} (ERROR 300 "Invalid token: &lt;reason&gt;"). */
        INVALID
    }

    /**
     * @param outcome the verdict
     * @param reason  why an invalid or expired token was refused, null otherwise
     * @param token   the decoded token when it could be decoded, else null
     */
    public record Verdict(Outcome outcome, String reason, CapabilityToken token) {
        static Verdict notMine() {
            return new Verdict(Outcome.NOT_MINE, null, null);
        }

        static Verdict invalid(String reason) {
            return new Verdict(Outcome.INVALID, reason, null);
        }
    }
}
