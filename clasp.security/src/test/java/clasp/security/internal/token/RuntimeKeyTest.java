package clasp.security.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeKeyTest {
    @TempDir
    Path folder;

    @Test
    void createdOnFirstUseOwnerOnlyAndTheSameAfterwards() throws IOException {
        RuntimeKey first = RuntimeKey.load(folder);
        RuntimeKey again = RuntimeKey.load(folder);

        Path file = folder.resolve(RuntimeKey.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).matches("[0-9a-f]{64}\n");
        assertThat(again.publicKeyHex()).isEqualTo(first.publicKeyHex()).matches("[0-9a-f]{64}");
        assertThat(again.publicKey()).isEqualTo(HexFormat.of().parseHex(first.publicKeyHex()));
    }

    @Test
    void mintsRootsThatValidateWithItsPublicKeyAsAnchor() throws IOException {
        RuntimeKey key = RuntimeKey.load(folder);
        CapabilityToken root = TestTokens.MINT.root(key.keyPair(), List.of("read:/**"), TestTokens.LATER, null);
        CapabilityValidator validator = new CapabilityValidator(List.of(HexFormat.of().parseHex(key.publicKeyHex())),
                5, TestTokens.SUBSET, TestTokens.at(TestTokens.NOW));

        assertThat(validator.validate(CapabilityCodec.encode(root)).outcome())
                .isEqualTo(CapabilityValidator.Outcome.VALID);
    }

    @Test
    void anUnreadableKeyFileIsReportedNotReplaced() throws IOException {
        Path file = folder.resolve(RuntimeKey.FILE_NAME);
        Files.writeString(file, "not a key\n");

        assertThatThrownBy(() -> RuntimeKey.load(folder)).isInstanceOf(IOException.class)
                .hasMessage("the capability key file " + file + " does not hold 64 hex digits (an Ed25519 seed);"
                        + " restore it or delete it to create a new key (tokens minted with the old key then stop"
                        + " validating)");
        assertThat(Files.readString(file)).isEqualTo("not a key\n");
    }
}
