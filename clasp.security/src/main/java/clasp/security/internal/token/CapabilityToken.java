package clasp.security.internal.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A capability token ({@code cap_}): the reference's fields plus, on a delegated token, its complete parent token so
 * that every link of the chain can be verified. See {@code TOKENS.md} for the wire format.
 *
 * @param version   1
 * @param issuer    the signer, a raw 32-byte Ed25519 public key
 * @param audience  the raw public key the token is delegated to (the only key that may delegate it further), or null
 * @param scopes    the scopes granted, as strings
 * @param expiresAt Unix seconds, unsigned; the token is expired when now &gt; expiresAt
 * @param nonce     a UUID v4 string making each token unique
 * @param proofs    one link per ancestor, root first; empty for a root token
 * @param parent    the complete parent token, null for a root token
 * @param signature the issuer's 64-byte signature over the signable form
 */
public record CapabilityToken(int version, byte[] issuer, byte[] audience, List<String> scopes, long expiresAt,
        String nonce, List<ProofLink> proofs, CapabilityToken parent, byte[] signature) {
    /** The prefix of the token text. */
    public static final String PREFIX = "cap_";
    /** The version this implementation mints. */
    public static final int VERSION = 1;
    static final HexFormat HEX = HexFormat.of();

    public CapabilityToken {
        issuer = issuer.clone();
        audience = audience == null ? null : audience.clone();
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(nonce, "nonce");
        proofs = List.copyOf(proofs);
        signature = signature.clone();
    }

    @Override
    public byte[] issuer() {
        return issuer.clone();
    }

    @Override
    public byte[] audience() {
        return audience == null ? null : audience.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The number of ancestors (the reference's chain depth). */
    public int depth() {
        return proofs.size();
    }

    /** The key the whole chain starts from: the first proof's issuer, or the own issuer of a root token. */
    public byte[] rootIssuer() {
        return proofs.isEmpty() ? issuer() : proofs.get(0).issuer();
    }

    /** The key that may sign a child of this token: its audience if it names one, else its own issuer. */
    public byte[] delegateKey() {
        return audience != null ? audience() : issuer();
    }

    /** Whether the token has expired at {@code now} (strictly after {@code expiresAt}; equal is still valid). */
    public boolean expiredAt(Instant now) {
        return Long.compareUnsigned(Math.max(0, now.getEpochSecond()), expiresAt) > 0;
    }

    /** A short identifier for logs and principal names: the first 8 hex digits of the SHA-256 of the nonce. */
    public String id() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** This token with another signature (minting signs the token built without one). */
    CapabilityToken withSignature(byte[] newSignature) {
        return new CapabilityToken(version, issuer, audience, scopes, expiresAt, nonce, proofs, parent, newSignature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CapabilityToken t && version == t.version && expiresAt == t.expiresAt
                && Arrays.equals(issuer, t.issuer) && Arrays.equals(audience, t.audience) && scopes.equals(t.scopes)
                && nonce.equals(t.nonce) && proofs.equals(t.proofs) && Objects.equals(parent, t.parent)
                && Arrays.equals(signature, t.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, Arrays.hashCode(issuer), scopes, expiresAt, nonce, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "CapabilityToken[id=" + id() + ", issuer=" + HEX.formatHex(issuer) + ", scopes=" + scopes
                + ", expiresAt=" + Long.toUnsignedString(expiresAt) + ", depth=" + depth() + "]";
    }
}
