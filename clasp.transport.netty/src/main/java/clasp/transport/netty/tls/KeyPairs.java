package clasp.transport.netty.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Collections;

/**
 * Checks that a keystore's private key belongs to the certificate presented with it, by signing a probe with the key
 * and verifying it with the certificate: a certificate replaced before its key (a reload caught half-way) is refused
 * instead of serving handshakes that all fail.
 */
final class KeyPairs {
    private static final byte[] PROBE = "clasp key pair probe".getBytes(StandardCharsets.US_ASCII);

    private KeyPairs() {
    }

    static void requireMatch(KeyStore keys, char[] password, X509Certificate leaf) throws GeneralSecurityException {
        for (String alias : Collections.list(keys.aliases())) {
            if (keys.isKeyEntry(alias) && leaf.equals(keys.getCertificate(alias))) {
                Key key = keys.getKey(alias, password);
                if (key instanceof PrivateKey privateKey && !signs(privateKey, leaf)) {
                    throw new GeneralSecurityException("the private key does not belong to the certificate "
                            + leaf.getSubjectX500Principal().getName());
                }
                return;
            }
        }
    }

    private static boolean signs(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) return true;   // an algorithm without a probe here: the handshake will tell
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(PROBE);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        try {
            verifier.initVerify(certificate.getPublicKey());
        } catch (java.security.InvalidKeyException otherKind) {
            return false;   // e.g. an RSA certificate with an EC key
        }
        verifier.update(PROBE);
        return verifier.verify(signature);
    }
}
