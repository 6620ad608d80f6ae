package clasp.shell.internal.command;

import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.TransportInfo;
import clasp.shell.internal.FactoryInstances;
import clasp.shell.internal.FactoryTypeList;
import clasp.shell.internal.TransportList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

/**
 * {@code clasp.transport:list}, {@code types}, {@code create}, {@code update} and {@code delete}. An instance is a
 * factory configuration of the kind's factory PID ({@code websocket} is {@code clasp.transport.websocket}; a kind
 * with a dot is the factory PID itself) and a file in the configuration folder (see {@link FactoryInstances}).
 * {@code create} waits until the router has opened the new instance and shows its state: a listener that cannot
 * bind its port says FAILED and why, and stays configured so that an update can fix it.
 */
@Component(service = TransportCommands.class, immediate = true)
@GogoCommand(scope = "clasp.transport", function = {"list", "types", "create", "update", "delete"})
public final class TransportCommands {
    /** {@code clasp.protocol.transport.Transport.ID}, spelled out: the shell needs nothing else of that package. */
    static final String ID = "clasp.transport.id";

    private final BundleContext context;
    private final Router router;
    private final MetaTypeService metaType;
    private final ServiceComponentRuntime scr;
    private final FactoryInstances instances;

    @Activate
    public TransportCommands(BundleContext context, @Reference(name = "router") Router router,
                             @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
                             @Reference(name = "metaType") MetaTypeService metaType,
                             @Reference(name = "scr") ServiceComponentRuntime scr) {
        this.context = context;
        this.router = router;
        this.metaType = metaType;
        this.scr = scr;
        this.instances = Instances.of(context, configAdmin, metaType, "clasp.transport.", ID, "clasp.transport",
                "transport kind");
    }

    @Descriptor("lists every transport instance: id, kind, state, endpoint, open connections, connections accepted, "
            + "frames in and out, detail (for a configured instance that is not running: why)")
    public TransportList list() {
        List<TransportInfo> rows = new ArrayList<>(router.transports());
        for (Instances.NotRunning n : Instances.notRunning(instances, scr, rows.stream().map(TransportInfo::id).toList())) {
            rows.add(new TransportInfo(n.configured().id(), instances.type(n.configured().factoryPid()), "",
                    PluginState.FAILED, n.reason(), 0, 0, 0, 0));
        }
        return new TransportList(rows);
    }

    @Descriptor("lists the installed transport kinds (factory PIDs clasp.transport.* described by MetaType) with their "
            + "attributes and defaults: the keys create and update accept")
    public FactoryTypeList types() {
        return Instances.types(context, metaType, "clasp.transport.", "transport kinds");
    }

    @Descriptor("creates a transport instance (a named factory configuration, also written to <clasp.etc>/<factoryPid>-<name>.cfg), "
            + "then waits until the router has opened it and shows its state; values are converted to the types "
            + "MetaType declares, arrays as a,b,c; unknown keys are refused")
    public Object create(@Descriptor("the kind, e.g. websocket (factory PID clasp.transport.websocket), or a factory PID") String kind,
                         @Descriptor("the instance name, also its clasp.transport.id unless given") String name,
                         @Descriptor("properties, e.g. host=127.0.0.1 port=7331") String... properties) {
        return Instances.createAndAwait(instances, kind, name, properties, this::seen, scr);
    }

    @Descriptor("changes properties of a transport instance and its file; key= removes a key (its default applies); "
            + "unknown keys are refused")
    public Object update(@Descriptor("the kind, e.g. websocket, or a factory PID") String kind,
                         @Descriptor("the instance name") String name,
                         @Descriptor("properties, e.g. port=7332") String... properties) {
        return Instances.run(() -> instances.update(kind, name, List.of(properties)));
    }

    @Descriptor("deletes a transport instance: its configuration and its file")
    public Object delete(@Descriptor("the kind, e.g. websocket, or a factory PID") String kind,
                         @Descriptor("the instance name") String name) {
        return Instances.run(() -> instances.delete(kind, name));
    }

    private Optional<Instances.Seen> seen(String id) {
        return router.transports().stream().filter(t -> t.id().equals(id)).findFirst()
                .map(t -> new Instances.Seen(t.state(), t.detail()));
    }
}
