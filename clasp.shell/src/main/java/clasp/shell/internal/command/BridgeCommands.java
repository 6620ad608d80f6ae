package clasp.shell.internal.command;

import clasp.api.bridge.Bridge;
import clasp.api.router.BridgeInfo;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import java.util.ArrayList;
import clasp.shell.internal.BridgeList;
import clasp.shell.internal.FactoryInstances;
import clasp.shell.internal.FactoryTypeList;
import clasp.shell.internal.Formats;
import java.util.Optional;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import java.time.Clock;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;

/**
 * {@code clasp.bridge:list}, {@code types}, {@code create}, {@code update} and {@code delete}. An instance is a
 * factory configuration of the type's factory PID ({@code mqtt} is {@code clasp.bridge.mqtt} by convention; a
 * type with a dot is the factory PID itself, for bridges that use another) and a file in the configuration
 * folder (see {@link FactoryInstances}). {@code create} waits until the router has opened the new instance and
 * shows its state.
 */
@Component(service = BridgeCommands.class, immediate = true)
@GogoCommand(scope = "clasp.bridge", function = {"list", "types", "create", "update", "delete"})
public final class BridgeCommands {
    private final BundleContext context;
    private final Router router;
    private final MetaTypeService metaType;
    private final ServiceComponentRuntime scr;
    private final FactoryInstances instances;

    @Activate
    public BridgeCommands(BundleContext context, @Reference(name = "router") Router router,
                          @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
                          @Reference(name = "metaType") MetaTypeService metaType,
                          @Reference(name = "scr") ServiceComponentRuntime scr) {
        this.context = context;
        this.router = router;
        this.metaType = metaType;
        this.scr = scr;
        this.instances = Instances.of(context, configAdmin, metaType, "clasp.bridge.", Bridge.ID, "clasp.bridge",
                "bridge type");
    }

    @Descriptor("lists every bridge instance: id, protocol, bundle, state, since when, messages in and out, dropped, "
            + "detail (for a configured instance that is not running: why)")
    public BridgeList list() {
        List<BridgeInfo> rows = new ArrayList<>(router.bridges());
        for (Instances.NotRunning n : Instances.notRunning(instances, scr, rows.stream().map(BridgeInfo::id).toList())) {
            rows.add(new BridgeInfo(n.configured().id(), instances.type(n.configured().factoryPid()), "", PluginState.FAILED,
                    n.reason(), 0, 0, 0, 0));
        }
        return new BridgeList(rows, Formats.micros(Clock.systemUTC().instant()));
    }

    @Descriptor("lists the installed bridge types (factory PIDs clasp.bridge.* described by MetaType) with their "
            + "attributes and defaults: the keys create and update accept")
    public FactoryTypeList types() {
        return Instances.types(context, metaType, "clasp.bridge.", "bridge types");
    }

    @Descriptor("creates a bridge instance (a named factory configuration, also written to <clasp.etc>/<factoryPid>-<name>.cfg), "
            + "then waits until the router has opened it and shows its state; values are converted to the types "
            + "MetaType declares, arrays as a,b,c; unknown keys are refused")
    public Object create(@Descriptor("the type, e.g. mqtt (factory PID clasp.bridge.mqtt), or a factory PID") String type,
                         @Descriptor("the instance name, also its clasp.bridge.id unless given") String name,
                         @Descriptor("properties, e.g. brokerUri=tcp://10.0.0.5:1883") String... properties) {
        return Instances.createAndAwait(instances, type, name, properties, this::seen, scr);
    }

    @Descriptor("changes properties of a bridge instance and its file; key= removes a key (its default applies); "
            + "unknown keys are refused")
    public Object update(@Descriptor("the type, e.g. mqtt, or a factory PID") String type,
                         @Descriptor("the instance name") String name,
                         @Descriptor("properties, e.g. brokerUri=tcp://10.0.0.6:1883") String... properties) {
        return Instances.run(() -> instances.update(type, name, List.of(properties)));
    }

    @Descriptor("deletes a bridge instance: its configuration and its file")
    public Object delete(@Descriptor("the type, e.g. mqtt, or a factory PID") String type,
                         @Descriptor("the instance name") String name) {
        return Instances.run(() -> instances.delete(type, name));
    }

    private Optional<Instances.Seen> seen(String id) {
        return router.bridges().stream().filter(b -> b.id().equals(id)).findFirst()
                .map(b -> new Instances.Seen(b.state(), b.detail()));
    }
}
