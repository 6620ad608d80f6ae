package clasp.itest;

import clasp.security.internal.token.CapabilityCodec;
import clasp.security.internal.token.CapabilityToken;
import clasp.security.internal.token.Ed25519Keys;
import clasp.security.internal.token.ProofLink;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Capability tokens an attacker can make: one who knows the token format (TOKENS.md) and holds a genuine token of
 * the runtime, but not the runtime's private key. Built with the format's own classes, signed with the attacker's key.
 */
final class ForgedTokens {
    /** The attacker's own Ed25519 key pair. */
    final KeyPair attacker = Ed25519Keys.generate();

    /** The attacker's public key in hex, as the validator names an issuer. */
    String attackerKeyHex() {
        return HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(attacker.getPublic()));
    }

    /** A root token signed by the attacker's key, granting {@code scopes} for an hour. */
    String selfSignedRoot(List<String> scopes) {
        return CapabilityCodec.encode(signed(null, scopes, List.of()));
    }

    /** {@code genuine} with its scopes replaced by {@code scopes}, its signature kept. */
    static String withScopes(String genuine, List<String> scopes) throws Exception {
        CapabilityToken t = CapabilityCodec.decode(genuine);
        return CapabilityCodec.encode(new CapabilityToken(t.version(), t.issuer(), t.audience(), scopes, t.expiresAt(),
                t.nonce(), t.proofs(), t.parent(), t.signature()));
    }

    /** {@code genuine} with its expiry moved a year later, its signature kept. */
    static String withLaterExpiry(String genuine) throws Exception {
        CapabilityToken t = CapabilityCodec.decode(genuine);
        return CapabilityCodec.encode(new CapabilityToken(t.version(), t.issuer(), t.audience(), t.scopes(),
                t.expiresAt() + 365L * 24 * 3600, t.nonce(), t.proofs(), t.parent(), t.signature()));
    }

    /** A child of the genuine {@code parent} granting {@code scopes}, signed by the attacker's key: a graft. */
    String graftedOnto(String parent, List<String> scopes) throws Exception {
        CapabilityToken p = CapabilityCodec.decode(parent);
        List<ProofLink> proofs = new ArrayList<>(p.proofs());
        proofs.add(new ProofLink(p.issuer(), p.scopes(), p.signature()));
        return CapabilityCodec.encode(signed(p, scopes, proofs));
    }

    private CapabilityToken signed(CapabilityToken parent, List<String> scopes, List<ProofLink> proofs) {
        long expires = parent != null ? parent.expiresAt() : System.currentTimeMillis() / 1000 + 3600;
        CapabilityToken unsigned = new CapabilityToken(CapabilityToken.VERSION, Ed25519Keys.rawPublicKey(attacker.getPublic()),
                null, scopes, expires, UUID.randomUUID().toString(), proofs, parent, new byte[0]);
        byte[] signature = Ed25519Keys.sign(attacker.getPrivate(), CapabilityCodec.signable(unsigned));
        return new CapabilityToken(unsigned.version(), unsigned.issuer(), null, scopes, expires, unsigned.nonce(), proofs,
                parent, signature);
    }
}
