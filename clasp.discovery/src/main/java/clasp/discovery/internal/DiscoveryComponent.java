package clasp.discovery.internal;

import clasp.api.discovery.Announcement;
import clasp.api.router.Router;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Discovery in the framework: configuration {@code clasp.discovery} (optional; a change restarts it), the router's
 * listeners and name, and every registered {@link Announcement} service (whiteboard).
 */
@Component(configurationPid = DiscoverySettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {})
@Designate(ocd = DiscoveryConfig.class)
public final class DiscoveryComponent {
    static final String DEFAULT_NAME = "CLASP Router";

    private final Discovery discovery;

    private volatile String routerName = DEFAULT_NAME;

    @Activate
    public DiscoveryComponent(BundleContext context, DiscoveryConfig config, @Reference(name = "router") Router router) {
        DiscoverySettings settings = DiscoverySettings.of(config);
        String data = context.getProperty("clasp.data");
        Path idFile = data != null ? Path.of(data, "discovery", "router-id") : context.getDataFile("router-id").toPath();
        discovery = new Discovery(settings, router::transports, () -> routerName,
                InterfaceSource.system(settings.interfaces()), idFile, System::nanoTime);
    }

    /** Starts scanning once the router's name and the announcements already registered are bound. */
    @Activate
    void activate() {
        discovery.start();
    }

    /** The router's name follows its configuration ({@code clasp.router} {@code name}, a service property). */
    @Reference(name = "routerName", service = Router.class, updated = "routerProperties")
    void routerProperties(Map<String, Object> properties) {
        Object name = properties.get("name");
        routerName = name instanceof String s && !s.isBlank() ? s : DEFAULT_NAME;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAnnouncement(ServiceReference<Announcement> ref, Announcement a) {
        discovery.add(ref, a);
    }

    void updatedAnnouncement(ServiceReference<Announcement> ref, Announcement a) {
        discovery.add(ref, a);
    }

    void unbindAnnouncement(ServiceReference<Announcement> ref) {
        discovery.remove(ref);
    }

    @Deactivate
    void deactivate() {
        discovery.stop();
    }
}
