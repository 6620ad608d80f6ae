package clasp.shell.internal.command;

import clasp.api.router.PluginState;
import clasp.config.CfgFiles;
import clasp.shell.internal.FactoryInstances;
import clasp.shell.internal.FactoryTypeList;
import clasp.shell.internal.InstanceChange;
import clasp.shell.internal.MetaTypes;
import clasp.shell.internal.UserError;
import clasp.shell.internal.WhyNotRunning;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

/** What the transport, bridge and hook commands share: their {@link FactoryInstances}, errors as one line, states awaited. */
final class Instances {
    /** How long a create waits for the router to open the new instance before it reports. */
    static final Duration CREATE_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MS = 100;

    private Instances() { }

    static FactoryInstances of(BundleContext context, ConfigurationAdmin configAdmin, MetaTypeService metaType,
                               String prefix, String idProperty, String scope, String noun) {
        return new FactoryInstances(configAdmin, () -> MetaTypes.factoryTypes(context, metaType),
                CfgFiles.etc(context.getProperty(CfgFiles.ETC_PROPERTY)), prefix, idProperty, scope, noun);
    }

    /** The factory types under {@code prefix} that MetaType describes now. */
    static FactoryTypeList types(BundleContext context, MetaTypeService metaType, String prefix, String noun) {
        return new FactoryTypeList(MetaTypes.factoryTypes(context, metaType).stream()
                .filter(t -> t.factoryPid().startsWith(prefix)).toList(), noun);
    }

    /** A configured instance the router does not have, with DS's reason for it. */
    record NotRunning(FactoryInstances.Configured configured, String reason) { }

    /** The configured instances whose id is not among {@code running}; none if Config Admin cannot be read. */
    static List<NotRunning> notRunning(FactoryInstances instances, ServiceComponentRuntime scr, Collection<String> running) {
        try {
            Set<String> seen = new HashSet<>(running);
            return instances.configured().stream().filter(c -> seen.add(c.id()))
                    .map(c -> new NotRunning(c, WhyNotRunning.reason(scr, c.factoryPid(), c.pid()))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A plugin's state and detail as the router reports them. */
    record Seen(PluginState state, String detail) { }

    /**
     * Waits (at most {@link #CREATE_WAIT}) until the router has opened the instance just created, and adds what
     * became of it: its state and detail, and for a FAILED one how to fix or remove it (the configuration and
     * its file are kept, as for a file written by hand); or, when the router never got it, DS's reason.
     *
     * @param lookup the instance's state by id, empty while the router does not have it
     */
    static InstanceChange awaitOpened(InstanceChange created, String id, Function<String, Optional<Seen>> lookup,
                                      ServiceComponentRuntime scr, String factoryPid, String fix) {
        long deadline = System.nanoTime() + CREATE_WAIT.toNanos();
        Optional<Seen> seen = lookup.apply(id);
        WhyNotRunning.Reason why = null;
        try {
            while (seen.map(s -> s.state() == PluginState.OPENING).orElse(true) && System.nanoTime() < deadline) {
                if (seen.isEmpty() && (why = WhyNotRunning.find(scr, factoryPid, created.pid())).settled()) break;
                Thread.sleep(POLL_MS);
                seen = lookup.apply(id);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt(); // Ctrl-C: report what is known now
        }
        if (seen.isEmpty()) {
            if (why == null) why = WhyNotRunning.find(scr, factoryPid, created.pid());
            return created.withOutcome("state  not running: " + why.text());
        }
        String detail = seen.get().detail();
        String state = "state  " + seen.get().state() + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        if (seen.get().state() != PluginState.FAILED) return created.withOutcome(state);
        return created.withOutcome(state + "\nThe instance and its file are kept: " + fix);
    }

    /**
     * {@code scope:create}: creates the instance, then {@link #awaitOpened awaits} what the router makes of it, and
     * tells how to fix or remove a FAILED one with the same scope's update and delete.
     */
    static Object createAndAwait(FactoryInstances instances, String type, String name, String[] properties,
                                 Function<String, Optional<Seen>> lookup, ServiceComponentRuntime scr) {
        return run(() -> {
            InstanceChange created = instances.create(type, name, List.of(properties));
            String id = String.valueOf(created.properties().get(instances.idProperty()));
            String scope = instances.scope();
            return awaitOpened(created, id, lookup, scr, instances.factoryPid(type), "fix it with " + scope + ":update "
                    + type + " " + name + " key=value ..., or remove it with " + scope + ":delete " + type + " " + name);
        });
    }

    interface Action {
        Object run() throws UserError, IOException;
    }

    /** The action's result; a user error's message; an I/O failure (Config Admin, the file) as one line. */
    static Object run(Action action) {
        try {
            return action.run();
        } catch (UserError e) {
            return e.getMessage();
        } catch (IOException e) {
            return "failed: " + e;
        }
    }
}
