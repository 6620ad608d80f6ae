package clasp.security.internal.token;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Keys, clocks and hand-made tokens shared by the capability tests. */
final class TestTokens {
    /** Attenuation as plain string containment: every child scope must appear among the parent's. */
    static final ScopeAttenuation SUBSET = (child, parent) -> child.stream().filter(scope -> !parent.contains(scope))
            .findFirst().map(scope -> "scope '" + scope + "' is not granted by the parent " + parent).orElse(null);
    static final long NOW = 1_800_000_000L;
    static final long LATER = NOW + 3600;
    static final KeyPair ROOT = seeded(1);
    static final KeyPair ALICE = seeded(2);
    static final KeyPair BOB = seeded(3);
    static final KeyPair MALLORY = seeded(99);
    static final CapabilityMint MINT = new CapabilityMint(SUBSET);

    private TestTokens() {
    }

    static KeyPair seeded(int fill) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) fill);
        return Ed25519Keys.fromSeed(seed);
    }

    static byte[] raw(KeyPair pair) {
        return Ed25519Keys.rawPublicKey(pair.getPublic());
    }

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static CapabilityValidator validator(long now) {
        return new CapabilityValidator(List.of(raw(ROOT)), CapabilityValidator.DEFAULT_MAX_DEPTH, SUBSET, at(now));
    }

    /** A token with any content whatsoever, signed by {@code signer}: what an attacker can build. */
    static CapabilityToken handMade(KeyPair signer, List<String> scopes, long expiresAt, List<ProofLink> proofs,
            CapabilityToken parent, byte[] audience) {
        CapabilityToken unsigned = new CapabilityToken(1, raw(signer), audience, scopes, expiresAt,
                UUID.randomUUID().toString(), proofs, parent, new byte[0]);
        return unsigned.withSignature(Ed25519Keys.sign(signer.getPrivate(), CapabilityCodec.signable(unsigned)));
    }

    /** The proofs a child of {@code parent} records. */
    static List<ProofLink> proofsUnder(CapabilityToken parent) {
        List<ProofLink> proofs = new java.util.ArrayList<>(parent.proofs());
        proofs.add(ProofLink.of(parent));
        return proofs;
    }
}
