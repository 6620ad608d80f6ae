package clasp.shell.internal.command;

import clasp.api.router.HookInfo;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.shell.internal.FactoryInstances;
import clasp.shell.internal.FactoryTypeList;
import clasp.shell.internal.HookList;
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
 * {@code clasp.hook:list}, {@code types}, {@code create}, {@code update} and {@code delete}: write hooks
 * ({@code clasp.api.hook}) configured like bridges. An instance is a factory configuration of the type's factory
 * PID ({@code scale} is {@code clasp.hook.scale}; a type with a dot is the factory PID itself) and a file in the
 * configuration folder; {@code create} waits until the router has the hook (and calls it from then on) and shows its
 * kind and ranking, or DS's reason when it does not run. {@code list} shows what {@code Router.hooks()} reports.
 */
@Component(service = HookCommands.class, immediate = true)
@GogoCommand(scope = "clasp.hook", function = {"list", "types", "create", "update", "delete"})
public final class HookCommands {
    /** The property that names a hook instance, set to the instance name unless given. */
    public static final String ID = "clasp.hook.id";

    private final BundleContext context;
    private final Router router;
    private final MetaTypeService metaType;
    private final ServiceComponentRuntime scr;
    private final FactoryInstances instances;

    @Activate
    public HookCommands(BundleContext context, @Reference(name = "router") Router router,
                        @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
                        @Reference(name = "metaType") MetaTypeService metaType,
                        @Reference(name = "scr") ServiceComponentRuntime scr) {
        this.context = context;
        this.router = router;
        this.metaType = metaType;
        this.scr = scr;
        this.instances = Instances.of(context, configAdmin, metaType, "clasp.hook.", ID, "clasp.hook", "hook type");
    }

    @Descriptor("lists the write hooks (validators, transforms, snapshot filters) in the order the router calls each kind "
            + "(highest ranking first), those it disabled for running past the hook budget, and configured hook instances "
            + "that are not running, with why")
    public String list() {
        List<HookList.Row> rows = registered();
        for (Instances.NotRunning n : Instances.notRunning(instances, scr, rows.stream().map(HookList.Row::id).toList())) {
            rows.add(new HookList.Row(n.configured().id(), "", 0, "", "not running", n.reason()));
        }
        return new HookList(rows).text();
    }

    @Descriptor("lists the installed hook types (factory PIDs clasp.hook.* described by MetaType) with their attributes "
            + "and defaults: the keys create and update accept")
    public FactoryTypeList types() {
        return Instances.types(context, metaType, "clasp.hook.", "hook types");
    }

    @Descriptor("creates a hook instance (a named factory configuration, also written to <clasp.etc>/<factoryPid>-<name>.cfg), "
            + "then waits until the router has it and shows its kind and ranking; values are converted to the "
            + "types MetaType declares; unknown keys are refused")
    public Object create(@Descriptor("the type, e.g. scale (factory PID clasp.hook.scale), or a factory PID") String type,
                         @Descriptor("the instance name, also its clasp.hook.id unless given") String name,
                         @Descriptor("properties, e.g. pattern=/mixer/*/gain scale=0.01 min=0 max=1") String... properties) {
        return Instances.createAndAwait(instances, type, name, properties, this::seen, scr);
    }

    @Descriptor("changes properties of a hook instance and its file; key= removes a key (its default applies); "
            + "unknown keys are refused")
    public Object update(@Descriptor("the type, e.g. scale, or a factory PID") String type,
                         @Descriptor("the instance name") String name,
                         @Descriptor("properties, e.g. scale=0.5") String... properties) {
        return Instances.run(() -> instances.update(type, name, List.of(properties)));
    }

    @Descriptor("deletes a hook instance: its configuration and its file; the router stops calling it")
    public Object delete(@Descriptor("the type, e.g. scale, or a factory PID") String type,
                         @Descriptor("the instance name") String name) {
        return Instances.run(() -> instances.delete(type, name));
    }

    /** Every hook the router has, by kind, in the order it calls them, then the disabled ones. */
    private List<HookList.Row> registered() {
        List<HookList.Row> rows = new ArrayList<>();
        for (HookInfo h : router.hooks()) {
            rows.add(new HookList.Row(h.id() != null ? h.id() : "service " + h.serviceId(), h.kind(), h.ranking(), h.bundle(),
                    h.disabled() ? "disabled" : "active",
                    h.disabled() ? "ran past the hook budget; register it again (update its configuration) to enable it" : ""));
        }
        return rows;
    }

    private Optional<Instances.Seen> seen(String id) {
        return registered().stream().filter(r -> r.id().equals(id)).findFirst()
                .map(r -> new Instances.Seen(PluginState.ONLINE, r.kind() + ", ranking " + r.ranking()));
    }
}
