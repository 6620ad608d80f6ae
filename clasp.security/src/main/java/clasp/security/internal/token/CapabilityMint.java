package clasp.security.internal.token;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Mints capability tokens: roots signed by an issuer key (the runtime's, see {@link RuntimeKey}), and delegated tokens
 * with narrower scopes, signed by the key the parent delegates to (its audience, or its issuer if it names none) and
 * carrying the complete parent so a validator can verify every link.
 */
public final class CapabilityMint {
    private static final HexFormat HEX = HexFormat.of();
    private final ScopeAttenuation attenuation;

    public CapabilityMint(ScopeAttenuation attenuation) {
        this.attenuation = attenuation;
    }

    /**
     * A root token.
     *
     * @param issuer    the key that signs (its public key must be a trust anchor of the validating runtime)
     * @param scopes    the scopes granted
     * @param expiresAt Unix seconds
     * @param audience  the raw public key that alone may delegate this token further, or null (only the issuer may)
     * @throws IllegalArgumentException when the audience is not 32 bytes or the token text would exceed 16 KiB
     */
    public CapabilityToken root(KeyPair issuer, List<String> scopes, long expiresAt, byte[] audience) {
        return sign(issuer, new CapabilityToken(CapabilityToken.VERSION, Ed25519Keys.rawPublicKey(issuer.getPublic()),
                checkedAudience(audience), scopes, expiresAt, UUID.randomUUID().toString(), List.of(), null,
                new byte[0]));
    }

    /**
     * A delegated token: {@code scopes} must stay within the parent's, the expiry is clamped to the parent's.
     *
     * @param parent    the token being delegated
     * @param delegator the key the parent delegates to: its audience, or its issuer if it names no audience
     * @param scopes    the narrower scopes
     * @param expiresAt Unix seconds; the parent's expiry if that is earlier
     * @param audience  the raw public key that alone may delegate the new token further, or null (only the delegator)
     * @throws IllegalArgumentException naming the reason when the delegator is not the parent's delegate, a scope is
     *                                  wider than the parent's, or the chain or the token would be longer than a
     *                                  validator accepts
     */
    public CapabilityToken delegate(CapabilityToken parent, KeyPair delegator, List<String> scopes, long expiresAt,
            byte[] audience) {
        byte[] signer = Ed25519Keys.rawPublicKey(delegator.getPublic());
        if (!Arrays.equals(signer, parent.delegateKey())) {
            throw new IllegalArgumentException("key " + HEX.formatHex(signer) + " may not delegate this token: only "
                    + HEX.formatHex(parent.delegateKey()) + " may");
        }
        String violation = attenuation.violation(scopes, parent.scopes());
        if (violation != null) {
            throw new IllegalArgumentException("scope attenuation violation: " + violation);
        }
        if (parent.depth() + 1 > CapabilityCodec.MAX_CHAIN) {
            throw new IllegalArgumentException("a token carries at most " + CapabilityCodec.MAX_CHAIN + " ancestors");
        }
        List<ProofLink> proofs = new ArrayList<>(parent.proofs());
        proofs.add(ProofLink.of(parent));
        long expiry = Long.compareUnsigned(expiresAt, parent.expiresAt()) < 0 ? expiresAt : parent.expiresAt();
        return sign(delegator, new CapabilityToken(CapabilityToken.VERSION, signer, checkedAudience(audience), scopes,
                expiry, UUID.randomUUID().toString(), proofs, parent, new byte[0]));
    }

    private static CapabilityToken sign(KeyPair key, CapabilityToken unsigned) {
        CapabilityToken signed = unsigned.withSignature(Ed25519Keys.sign(key.getPrivate(),
                CapabilityCodec.signable(unsigned)));
        int length = CapabilityCodec.encode(signed).length();
        if (length > CapabilityCodec.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("the token would be " + length + " characters long, more than the "
                    + CapabilityCodec.MAX_TEXT_LENGTH + " a validator accepts");
        }
        return signed;
    }

    private static byte[] checkedAudience(byte[] audience) {
        if (audience != null && audience.length != Ed25519Keys.KEY_LENGTH) {
            throw new IllegalArgumentException("an audience is a 32-byte Ed25519 public key, not " + audience.length
                    + " bytes");
        }
        return audience;
    }
}
