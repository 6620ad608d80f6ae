package clasp.security.internal.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 with the JDK's provider, converting between raw keys (32-byte public key, 32-byte seed) as tokens and key
 * files carry them and the X.509 / PKCS#8 encodings the JDK expects (each a fixed DER prefix followed by the raw key).
 */
public final class Ed25519Keys {
    /** Length of a raw public key and of a seed. */
    public static final int KEY_LENGTH = 32;
    /** Length of a signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    /** A fresh key pair from a strong random source. */
    public static KeyPair generate() {
        byte[] seed = new byte[KEY_LENGTH];
        new SecureRandom().nextBytes(seed);
        return fromSeed(seed);
    }

    /** The key pair whose private key is the given 32-byte seed (the form of RFC 8032 and of ed25519-dalek). */
    public static KeyPair fromSeed(byte[] seed) {
        requireLength(seed, KEY_LENGTH, "seed");
        try {
            // The JDK derives the public key only while generating: hand the generator the seed as its randomness.
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(seed(pair.getPrivate()), seed)) {
                throw new IllegalStateException("the Ed25519 provider did not take the seed as the private key");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available: " + e.getMessage(), e);
        }
    }

    /** The raw 32-byte public key. */
    public static byte[] rawPublicKey(PublicKey key) {
        return stripPrefix(key.getEncoded(), X509_PREFIX, "public key");
    }

    /** The 32-byte seed of a private key. */
    public static byte[] seed(PrivateKey key) {
        return stripPrefix(key.getEncoded(), PKCS8_PREFIX, "private key");
    }

    /** A public key from its raw 32 bytes; fails on a wrong length or a point that is not on the curve. */
    public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        requireLength(raw, KEY_LENGTH, "public key");
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, raw)));
    }

    /** A private key from its 32-byte seed. */
    public static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
        requireLength(seed, KEY_LENGTH, "seed");
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
    }

    /** The 64-byte signature of a message. */
    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} signs {@code message} under the raw public key; false for any malformed input. */
    public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
        if (rawPublicKey.length != KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey(rawPublicKey));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // An issuer that is not a curve point, or a signature the provider cannot parse, verifies nothing.
            return false;
        }
    }

    private static byte[] stripPrefix(byte[] encoded, byte[] prefix, String what) {
        if (encoded.length != prefix.length + KEY_LENGTH
                || !Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalArgumentException("not an Ed25519 " + what + " encoding");
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static void requireLength(byte[] bytes, int length, String what) {
        if (bytes.length != length) {
            throw new IllegalArgumentException("an Ed25519 " + what + " has " + length + " bytes, not " + bytes.length);
        }
    }

    /** Randomness that yields the seed once: how a key pair is rebuilt from its seed with the JDK's generator. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("expected a request for " + seed.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
