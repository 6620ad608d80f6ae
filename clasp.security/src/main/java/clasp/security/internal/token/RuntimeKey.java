package clasp.security.internal.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;

/**
 * The runtime's own Ed25519 key for minting capability tokens, kept as the hex of its 32-byte seed in
 * {@code capability.key} (owner-only), created on first use. Its public key in hex is what administrators list in
 * {@code trustAnchors} to accept the tokens this runtime mints.
 */
public final class RuntimeKey {
    /** The key file's name inside the folder. */
    public static final String FILE_NAME = "capability.key";
    private final KeyPair keyPair;

    private RuntimeKey(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    /** Reads the key from {@code folder}, creating it if there is no key file; never replaces an unreadable one. */
    public static RuntimeKey load(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        synchronized (RuntimeKey.class) {
            if (Files.exists(file)) {
                return new RuntimeKey(Ed25519Keys.fromSeed(parse(file)));
            }
            KeyPair created = Ed25519Keys.generate();
            byte[] seed = Ed25519Keys.seed(created.getPrivate());
            AtomicFiles.write(file, (HexFormat.of().formatHex(seed) + "\n").getBytes(StandardCharsets.US_ASCII));
            return new RuntimeKey(created);
        }
    }

    /** The key pair (sign with its private key). */
    public KeyPair keyPair() {
        return keyPair;
    }

    /** The raw 32-byte public key. */
    public byte[] publicKey() {
        return Ed25519Keys.rawPublicKey(keyPair.getPublic());
    }

    /** The public key as 64 lowercase hex digits. */
    public String publicKeyHex() {
        return HexFormat.of().formatHex(publicKey());
    }

    private static byte[] parse(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!text.matches("[0-9a-fA-F]{64}")) {
            throw new IOException("the capability key file " + file
                    + " does not hold 64 hex digits (an Ed25519 seed); restore it or delete it to create a new key"
                    + " (tokens minted with the old key then stop validating)");
        }
        return HexFormat.of().parseHex(text);
    }
}
