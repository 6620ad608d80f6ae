package clasp.oscquery.internal;

import clasp.api.auth.Authoriser;
import clasp.api.discovery.Announcement;
import clasp.api.router.Router;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSCQuery server as a component: it runs only while a configuration {@value OscQueryServer#PID} exists (like
 * the listeners, nothing is opened unless configured) and the router is there. Once it listens it registers an
 * {@link Announcement} of {@code _oscjson._tcp} on its port, which the discovery bundle, when it runs, announces
 * over mDNS; stopping withdraws it. A configuration change restarts it (DS deactivates and activates again).
 */
@Component(configurationPid = OscQueryServer.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = OscQueryConfig.class)
public final class OscQueryComponent {
    private static final Logger LOG = LoggerFactory.getLogger(OscQueryComponent.class);
    /** The TXT version key DNS-SD recommends (RFC 6763 §6.7); the OSCQuery proposal defines no TXT keys. */
    static final Map<String, String> TXT = Map.of("txtvers", "1");

    @Reference(name = "router")
    private Router router;                                    // static: set before activation
    private volatile Authoriser authoriser;
    private OscQueryServer server;
    private BundleContext context;
    private ServiceRegistration<Announcement> announcement;   // guarded by this
    private boolean active = true;                            // guarded by this

    /** DS has bound the router and the authoriser by now: the first request already sees both. */
    @Activate
    void activate(OscQueryConfig config, BundleContext context) {
        start(config, router, context);
    }

    void start(OscQueryConfig config, Router router, BundleContext context) {
        this.context = context;
        int nameBytes = config.name().getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes < 1 || nameBytes > 63) {
            LOG.error("{}: name must be 1 to 63 bytes of UTF-8, is {}; the server is not started", OscQueryServer.PID, nameBytes);
            throw new IllegalArgumentException("name must be 1 to 63 bytes of UTF-8");
        }
        this.server = new OscQueryServer(config, router, () -> authoriser);
        server.start(local -> announce(config.name(), local));
    }

    /** The router's authoriser: the best-ranked, as the router itself binds it. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindAuthoriser(Authoriser a) {
        authoriser = a;
    }

    void unbindAuthoriser(Authoriser a) { }   // a replacement was bound first

    private synchronized void announce(String name, InetSocketAddress local) {
        if (!active) return;
        announcement = context.registerService(Announcement.class,
                Announcement.of(Announcement.OSCJSON_TCP, name, local.getPort(), TXT), null);
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            active = false;
            if (announcement != null) {
                try {
                    announcement.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the bundle is stopping and the framework unregistered it first
                }
                announcement = null;
            }
        }
        server.stop();
    }
}
