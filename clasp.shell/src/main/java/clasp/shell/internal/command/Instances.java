package clasp.shell.internal.command;

import clasp.shell.internal.ConfigFiles;
import clasp.shell.internal.FactoryInstances;
import clasp.shell.internal.MetaTypes;
import clasp.shell.internal.UserError;
import java.io.IOException;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.MetaTypeService;

/** What the transport and bridge commands share: their {@link FactoryInstances}, and errors as one line. */
final class Instances {
    private Instances() { }

    static FactoryInstances of(BundleContext context, ConfigurationAdmin configAdmin, MetaTypeService metaType,
                               String prefix, String idProperty, String scope, String noun) {
        return new FactoryInstances(configAdmin, () -> MetaTypes.factoryTypes(context, metaType),
                ConfigFiles.etc(context.getProperty(ConfigFiles.ETC_PROPERTY)), prefix, idProperty, scope, noun);
    }

    /** The detail of a configured instance that the router does not have (refused, starting, or bundle inactive). */
    static final String NOT_RUNNING = "configured but not running: see the log";

    /** The configured instances whose id is not among {@code running}; none if Config Admin cannot be read. */
    static java.util.List<FactoryInstances.Configured> notRunning(FactoryInstances instances,
                                                                  java.util.Collection<String> running) {
        try {
            java.util.Set<String> seen = new java.util.HashSet<>(running);
            return instances.configured().stream().filter(c -> seen.add(c.id())).toList();
        } catch (IOException e) {
            return java.util.List.of();
        }
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
