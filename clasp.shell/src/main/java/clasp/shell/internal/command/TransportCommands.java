package clasp.shell.internal.command;

import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.TransportInfo;
import java.util.ArrayList;
import clasp.shell.internal.FactoryInstances;
import clasp.shell.internal.TransportList;
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
 * {@code clasp.transport:list}, {@code create}, {@code update} and {@code delete}. An instance is a factory
 * configuration of the kind's factory PID ({@code websocket} is {@code clasp.transport.websocket}; a kind with
 * a dot is the factory PID itself) and a file in the configuration folder (see {@link FactoryInstances}).
 */
@Component(service = TransportCommands.class, immediate = true)
@GogoCommand(scope = "clasp.transport", function = {"list", "create", "update", "delete"})
public final class TransportCommands {
    /** {@code clasp.protocol.transport.Transport.ID}, spelled out: the shell needs nothing else of that package. */
    static final String ID = "clasp.transport.id";

    private final Router router;
    private final FactoryInstances instances;

    @Activate
    public TransportCommands(BundleContext context, @Reference(name = "router") Router router,
                             @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
                             @Reference(name = "metaType") MetaTypeService metaType) {
        this.router = router;
        this.instances = Instances.of(context, configAdmin, metaType, "clasp.transport.", ID, "clasp.transport",
                "transport kind");
    }

    @Descriptor("lists every transport instance: id, kind, state, endpoint, open connections, connections accepted, "
            + "frames in and out, detail")
    public TransportList list() {
        List<TransportInfo> rows = new ArrayList<>(router.transports());
        for (FactoryInstances.Configured c : Instances.notRunning(instances, rows.stream().map(TransportInfo::id).toList())) {
            rows.add(new TransportInfo(c.id(), instances.type(c.factoryPid()), "", PluginState.FAILED, Instances.NOT_RUNNING, 0, 0, 0, 0));
        }
        return new TransportList(rows);
    }

    @Descriptor("creates a transport instance (a named factory configuration, also written to <clasp.etc>/<factoryPid>-<name>.cfg); "
            + "values are converted to the types MetaType declares, arrays as a,b,c")
    public Object create(@Descriptor("the kind, e.g. websocket (factory PID clasp.transport.websocket), or a factory PID") String kind,
                         @Descriptor("the instance name, also its clasp.transport.id unless given") String name,
                         @Descriptor("properties, e.g. host=127.0.0.1 port=7331") String... properties) {
        return Instances.run(() -> instances.create(kind, name, List.of(properties)));
    }

    @Descriptor("changes properties of a transport instance and its file; key= removes a key (its default applies)")
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
}
