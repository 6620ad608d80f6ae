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
 * listeners and every registered {@link Announcement} service (whiteboard).
 */
@Component(configurationPid = DiscoverySettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {})
@Designate(ocd = DiscoveryConfig.class)
public final class DiscoveryComponent {
    static final String DEFAULT_NAME = "CLASP Router";

    private final Discovery discovery;

    @Activate
    public DiscoveryComponent(BundleContext context, DiscoveryConfig config,
                              @Reference(name = "router", service = Router.class) Map.Entry<Map<String, Object>, Router> routerWithProperties) {
        DiscoverySettings settings = DiscoverySettings.of(config);
        Router router = routerWithProperties.getValue();
        Object name = routerWithProperties.getKey().get("name");
        String routerName = name instanceof String s && !s.isBlank() ? s : DEFAULT_NAME;
        String data = context.getProperty("clasp.data");
        Path idFile = data != null ? Path.of(data, "discovery", "router-id") : context.getDataFile("router-id").toPath();
        discovery = new Discovery(settings, router::transports, routerName,
                InterfaceSource.system(settings.interfaces()), idFile, System::nanoTime);
        discovery.start();
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
