package clasp.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration as the component takes it, and the file it reads itself at start. */
class SecuritySettingsTest {
    @TempDir Path etc;
    private static final String KEY = "a".repeat(64);

    @Test void modesAcceptTheReferenceSpellings() {
        for (String open : List.of("open", "none", "OFF", "")) assertThat(SecurityMode.parse(open)).isEqualTo(SecurityMode.OPEN);
        for (String auth : List.of("authenticated", "auth", "Token")) assertThat(SecurityMode.parse(auth)).isEqualTo(SecurityMode.AUTHENTICATED);
        assertThatThrownBy(() -> SecurityMode.parse("strict")).hasMessage("clasp.security: mode must be open or authenticated, is strict");
    }

    @Test void anchorsAndCertificateScopesAreChecked() {
        SecuritySettings s = SecuritySettings.of("authenticated", KEY + ", " + "b".repeat(64), 3,
                new String[] {"CN=desk,O=Venue => read:/**, write:/lights/*|range=0..255"});
        assertThat(s.anchorsHex()).containsExactly(KEY, "b".repeat(64));
        assertThat(s.certificateScopes()).containsEntry("CN=desk,O=Venue", List.of("read:/**", "write:/lights/*|range=0..255"));
        assertThatThrownBy(() -> SecuritySettings.of("open", "abc", 5, null))
                .hasMessage("clasp.security: trustAnchors: abc is not a 32-byte key in 64 hex digits");
        assertThatThrownBy(() -> SecuritySettings.of("open", "", 17, null)).hasMessage("clasp.security: maxDelegationDepth must be 0..16, is 17");
        assertThatThrownBy(() -> SecuritySettings.of("open", "", 5, new String[] {"CN=x read:/**"}))
                .hasMessage("clasp.security: certificateScopes entry 'CN=x read:/**' is not '<subject> => <scopes>'");
        assertThatThrownBy(() -> SecuritySettings.of("open", "", 5, new String[] {"CN=x => publish:/a"}))
                .hasMessageStartingWith("clasp.security: certificateScopes for CN=x: bad action 'publish'");
    }

    @Test void settingsThatSayTheSameAreTheSameWhateverTheirByteArrays() {
        SecuritySettings a = SecuritySettings.of("authenticated", KEY, 5, new String[] {"CN=a => read:/a/**"});
        assertThat(a.sameAs(SecuritySettings.of("auth", KEY, 5, new String[] {"CN=a => read:/a/**"}))).isTrue();
        assertThat(a.sameAs(SecuritySettings.of("authenticated", "", 5, new String[] {"CN=a => read:/a/**"}))).isFalse();
        assertThat(a.sameAs(SecuritySettings.of("authenticated", KEY, 4, new String[] {"CN=a => read:/a/**"}))).isFalse();
        assertThat(a.sameAs(SecuritySettings.OPEN)).isFalse();
    }

    @Test void withoutAFileAtStartTheModeIsOpen() {
        assertThat(StartupFile.read(etc.toString())).isEqualTo(SecuritySettings.OPEN);
    }

    @Test void theFileAtStartIsReadInFelixTypedFormToo() throws Exception {
        Files.writeString(etc.resolve(StartupFile.NAME), "mode=\"authenticated\"\ntrustAnchors=\"" + KEY + "\"\nmaxDelegationDepth=I\"2\"\n"
                + "certificateScopes=[\"CN=a => read:/a/**\", \"CN=b => read:/b/**\"]\n");
        SecuritySettings s = StartupFile.read(etc.toString());
        assertThat(s.mode()).isEqualTo(SecurityMode.AUTHENTICATED);
        assertThat(s.anchorsHex()).containsExactly(KEY);
        assertThat(s.maxDelegationDepth()).isEqualTo(2);
        assertThat(s.certificateScopes()).containsOnlyKeys("CN=a", "CN=b");
    }

    @Test void aFileThatDoesNotParseFailsClosed() throws Exception {
        Files.writeString(etc.resolve(StartupFile.NAME), "mode=authenticated\ntrustAnchors=nonsense\n");
        SecuritySettings s = StartupFile.read(etc.toString());
        assertThat(s.mode()).isEqualTo(SecurityMode.AUTHENTICATED);
        assertThat(s.trustAnchors()).isEmpty();
        assertThat(s.certificateScopes()).isEmpty();
    }
}
