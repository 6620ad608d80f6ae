package clasp.security.internal.token;

import java.util.Arrays;
import java.util.List;

/**
 * One ancestor of a delegated capability token as the reference records it: who issued it, what it granted and its
 * signature. The reference validator sees only these; here each link is also checked against the full parent token.
 *
 * @param issuer    the ancestor's issuer, a raw 32-byte Ed25519 public key
 * @param scopes    the ancestor's scopes
 * @param signature the ancestor's 64-byte signature
 */
public record ProofLink(byte[] issuer, List<String> scopes, byte[] signature) {
    public ProofLink {
        issuer = issuer.clone();
        scopes = List.copyOf(scopes);
        signature = signature.clone();
    }

    /** The link a child records for its parent. */
    static ProofLink of(CapabilityToken parent) {
        return new ProofLink(parent.issuer(), parent.scopes(), parent.signature());
    }

    @Override
    public byte[] issuer() {
        return issuer.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProofLink link && Arrays.equals(issuer, link.issuer) && scopes.equals(link.scopes)
                && Arrays.equals(signature, link.signature);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(issuer) + scopes.hashCode()) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "ProofLink[issuer=" + CapabilityToken.HEX.formatHex(issuer) + ", scopes=" + scopes + "]";
    }
}
