package clasp.shell.ssh.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote shell in the framework: with configuration {@code clasp.shell.ssh} (etc/clasp.shell.ssh.cfg), an SSH
 * server whose sessions run Gogo through the framework's {@link CommandProcessor}; without it, nothing listens. A
 * change of configuration restarts the server. Activation only binds the socket; deactivation closes every session.
 */
@Component(configurationPid = SshShellSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = SshShellConfig.class)
public final class SshShellComponent {
    private static final Logger LOG = LoggerFactory.getLogger(SshShellComponent.class);

    private final SshShellServer server;

    @Activate
    public SshShellComponent(BundleContext context, SshShellConfig config, @Reference CommandProcessor processor)
            throws IOException, InterruptedException {
        SshShellSettings settings = SshShellSettings.of(config, folder(context, "clasp.etc", "etc"),
                folder(context, "clasp.data", "data"));
        if (!Files.isReadable(settings.authorizedKeys())) {
            LOG.warn("SSH shell: no authorized_keys file at {}: no key can log in until it is there", settings.authorizedKeys());
        }
        server = new SshShellServer(settings, processor, context);
        try {
            server.start();
        } catch (IOException e) {
            server.close();
            throw new IOException("SSH shell cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        LOG.info("SSH shell listening on {}:{} (keys: {})", settings.host(), server.port(), settings.authorizedKeys());
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        server.close();
    }

    private static Path folder(BundleContext context, String property, String otherwise) {
        String value = context.getProperty(property);
        return Path.of(value == null || value.isBlank() ? otherwise : value);
    }
}
