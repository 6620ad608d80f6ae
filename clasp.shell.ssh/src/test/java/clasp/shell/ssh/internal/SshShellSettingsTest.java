package clasp.shell.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The configuration resolved: loopback and the etc/ and data/ files unless set otherwise. */
class SshShellSettingsTest {
    private static final Path ETC = Path.of("/srv/clasp/etc");
    private static final Path DATA = Path.of("/srv/clasp/data");

    @Test
    void theDefaultsAreLoopbackPort8101AndTheFilesUnderEtcAndData() {
        SshShellSettings settings = SshShellSettings.of(config("", 8101, "", "", 1800), ETC, DATA);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8101);
        assertThat(settings.authorizedKeys()).isEqualTo(Path.of("/srv/clasp/etc/ssh/authorized_keys"));
        assertThat(settings.hostKey()).isEqualTo(Path.of("/srv/clasp/data/ssh/hostkey"));
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void relativeFilesAreUnderEtcAndDataAndAbsoluteOnesStay() {
        SshShellSettings settings = SshShellSettings.of(config(" 0.0.0.0 ", 2222, "admins.keys", "/var/lib/clasp/host", 0), ETC, DATA);
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.authorizedKeys()).isEqualTo(Path.of("/srv/clasp/etc/admins.keys"));
        assertThat(settings.hostKey()).isEqualTo(Path.of("/var/lib/clasp/host"));
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aPortOutsideTheTcpRangeIsRefused() {
        assertThatThrownBy(() -> SshShellSettings.of(config("", 0, "", "", 0), ETC, DATA))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be 1 - 65535: 0");
        assertThatThrownBy(() -> SshShellSettings.of(config("", 65536, "", "", 0), ETC, DATA))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SshShellConfig config(String host, int port, String keys, String hostKey, int idle) {
        return new SshShellConfig() {
            @Override public Class<? extends Annotation> annotationType() { return SshShellConfig.class; }
            @Override public String host() { return host; }
            @Override public int port() { return port; }
            @Override public String authorizedKeysFile() { return keys; }
            @Override public String hostKeyFile() { return hostKey; }
            @Override public int idleTimeoutSeconds() { return idle; }
        };
    }
}
