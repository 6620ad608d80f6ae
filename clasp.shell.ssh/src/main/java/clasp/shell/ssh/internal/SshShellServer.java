package clasp.shell.ssh.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.osgi.framework.BundleContext;

/**
 * The SSH server: Apache MINA SSHD on {@code host:port}, public-key logins only (no password, keyboard-interactive,
 * GSSAPI or host-based authentication), no forwarding, no subsystems (no SFTP): exec and shell channels that run
 * Gogo. Its threads are named after {@code clasp-ssh} (SSHD adds {@code sshd-} before its own), and {@link #close}
 * ends every one. Started and closed by its owner's thread (the component's activate and deactivate).
 */
final class SshShellServer implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final SshShellSettings settings;
    private final SshServer server;
    private final SessionThreads threads = new SessionThreads();

    SshShellServer(SshShellSettings settings, CommandProcessor processor, BundleContext context) {
        this.settings = settings;
        server = SshServer.setUpDefaultServer();
        server.setHost(settings.host());
        server.setPort(settings.port());

        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(settings.hostKey());
        hostKey.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKey.setKeySize(256);
        server.setKeyPairProvider(hostKey);

        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPublickeyAuthenticator(new AuthorizedKeys(settings.authorizedKeys()));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setSubsystemFactories(List.of());

        server.setCommandFactory((channel, line) -> new ExecCommand(processor, threads, line));
        server.setShellFactory(channel -> new ShellCommand(processor, threads, context));
        server.addSessionListener(new SshAudit());

        server.setScheduledExecutorService(ThreadUtils.newSingleThreadScheduledExecutor(SessionThreads.PREFIX + "timer"), true);
        server.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory(
                () -> ThreadUtils.newFixedThreadPool(SessionThreads.PREFIX + "io", 2)));
        CoreModuleProperties.IDLE_TIMEOUT.set(server, settings.idleTimeout());
    }

    /** Opens the listening socket (the host key is made at the first connection if its file is not there yet). */
    void start() throws IOException {
        Files.createDirectories(settings.hostKey().getParent());
        server.start();
    }

    /** The port it listens on (the configured one, or the one picked for port 0). */
    int port() {
        return server.getPort();
    }

    /** Closes every session and the listening socket, and waits for the threads of both to end. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            server.stop(true);
        } finally {
            threads.stopAll(STOP_WAIT);
        }
    }
}
