package clasp.shell.ssh.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's settings, resolved: where it listens, which authorized_keys file admits logins, where the host key is
 * kept and how long an idle session lives. Immutable.
 */
record SshShellSettings(String host, int port, Path authorizedKeys, Path hostKey, Duration idleTimeout) {
    static final String PID = "clasp.shell.ssh";

    /** {@code config} with relative files resolved under {@code etc} (authorized keys) and {@code data} (host key). */
    static SshShellSettings of(SshShellConfig config, Path etc, Path data) {
        if (config.port() < 1 || config.port() > 65535) {
            throw new IllegalArgumentException("port must be 1 - 65535: " + config.port());
        }
        String host = config.host() == null || config.host().isBlank() ? "127.0.0.1" : config.host().trim();
        return new SshShellSettings(host, config.port(),
                file(config.authorizedKeysFile(), etc, Path.of("ssh", "authorized_keys")),
                file(config.hostKeyFile(), data, Path.of("ssh", "hostkey")),
                Duration.ofSeconds(Math.max(0, config.idleTimeoutSeconds())));
    }

    private static Path file(String configured, Path base, Path fallback) {
        Path path = configured == null || configured.isBlank() ? fallback : Path.of(configured.trim());
        return base.resolve(path).toAbsolutePath().normalize();
    }
}
