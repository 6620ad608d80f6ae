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
import clasp.shell.internal.MetaTypes;
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
 * folder (see {@link FactoryInstances}).
 */
@Component(service = BridgeCommands.class, immediate = true)
@GogoCommand(scope = "clasp.bridge", function = {"list", "types", "create", "update", "delete"})
public final class BridgeCommands {
    private final BundleContext context;
    private final Router router;
    private final MetaTypeService metaType;
    private final FactoryInstances instances;

    @Activate
    public BridgeCommands(BundleContext context, @Reference(name = "router") Router router,
                          @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
                          @Reference(name = "metaType") MetaTypeService metaType) {
        this.context = context;
        this.router = router;
        this.metaType = metaType;
        this.instances = Instances.of(context, configAdmin, metaType, "clasp.bridge.", Bridge.ID, "clasp.bridge",
                "bridge type");
    }

    @Descriptor("lists every bridge instance: id, protocol, bundle, state, since when, messages in and out, dropped, detail")
    public BridgeList list() {
        List<BridgeInfo> rows = new ArrayList<>(router.bridges());
        for (FactoryInstances.Configured c : Instances.notRunning(instances, rows.stream().map(BridgeInfo::id).toList())) {
            rows.add(new BridgeInfo(c.id(), instances.type(c.factoryPid()), "", PluginState.FAILED, Instances.NOT_RUNNING, 0, 0, 0, 0));
        }
        return new BridgeList(rows, Formats.micros(Clock.systemUTC().instant()));
    }

    @Descriptor("lists the installed bridge and transport types (factory PIDs clasp.bridge.* and clasp.transport.* "
            + "described by MetaType) with their attributes and defaults")
    public FactoryTypeList types() {
        return new FactoryTypeList(MetaTypes.factoryTypes(context, metaType).stream()
                .filter(t -> t.factoryPid().startsWith("clasp.bridge.") || t.factoryPid().startsWith("clasp.transport."))
                .toList());
    }

    @Descriptor("creates a bridge instance (a named factory configuration, also written to <clasp.etc>/<factoryPid>-<name>.cfg); "
            + "values are converted to the types MetaType declares, arrays as a,b,c")
    public Object create(@Descriptor("the type, e.g. mqtt (factory PID clasp.bridge.mqtt), or a factory PID") String type,
                         @Descriptor("the instance name, also its clasp.bridge.id unless given") String name,
                         @Descriptor("properties, e.g. brokerUri=tcp://10.0.0.5:1883") String... properties) {
        return Instances.run(() -> instances.create(type, name, List.of(properties)));
    }

    @Descriptor("changes properties of a bridge instance and its file; key= removes a key (its default applies)")
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
}
