package clasp.scene.internal;

import clasp.api.Address;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.Router;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenes in the framework: the scene files of {@code <clasp.data>/scenes} (read at activation), a local session named
 * "scene" that saves and recalls, the control address (configuration {@value #PID}) and the shell commands
 * {@code clasp.scene:*}. Immediate, like the shell's command components: Gogo gets and releases a command's service
 * around every call, which would deactivate a delayed component after each command. A configuration change
 * reactivates it (the files are read again).
 */
@Component(configurationPid = SceneComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = SceneComponent.class)
@GogoCommand(scope = "clasp.scene", function = {"save", "recall", "list", "show", "delete", "export", "import"})
@Designate(ocd = SceneConfig.class)
public final class SceneComponent {
    static final String PID = "clasp.scene";
    static final String SESSION_NAME = "scene";

    /** The configured scopes, blanks dropped (none: the router grants every scope). */
    static java.util.Set<String> scopes(String[] configured) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String s : configured == null ? new String[0] : configured) if (s != null && !s.isBlank()) out.add(s.trim());
        return out;
    }
    private static final Logger LOG = LoggerFactory.getLogger("clasp.scene");

    private final LocalSession session;
    private final ExecutorService executor;
    private final SceneCommands commands;

    @Activate
    public SceneComponent(BundleContext context, SceneConfig config, @Reference(name = "router") Router router) {
        this(config, dataFolder(context.getProperty("clasp.data")), router, Clock.systemUTC());
    }

    SceneComponent(SceneConfig config, Path scenesFolder, Router router, Clock clock) {
        String control = config.controlAddress();
        String problem = Address.problem(control);
        if (problem == null && (control.contains("*") || control.equals(SceneRecall.STATUS_ADDRESS))) {
            problem = "the control address must be one address, not a pattern or " + SceneRecall.STATUS_ADDRESS;
        }
        if (problem != null) throw new IllegalArgumentException("clasp.scene: controlAddress " + control + ": " + problem);
        SceneLibrary library = new SceneLibrary(new SceneFolder(scenesFolder));
        try {
            library.load();
        } catch (IOException e) {
            LOG.warn("clasp.scene: cannot read {}: {}; starting without scenes", scenesFolder, e.toString());
        }
        session = router.openSession(SESSION_NAME, false, scopes(config.scopes()));
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "clasp-scene-recall");
            t.setDaemon(true);
            return t;
        });
        SceneRecall recall = new SceneRecall(library, new Recaller(session, System::nanoTime), session, clock);
        SceneControl controlListener = new SceneControl(control, recall, executor, System::nanoTime);
        commands = new SceneCommands(library, recall, controlListener, session, clock);
        try {
            controlListener.listen(session);
        } catch (ClaspException | RuntimeException e) {
            deactivate();
            throw new IllegalStateException("clasp.scene: cannot listen on " + control + ": " + e.getMessage(), e);
        }
        LOG.info("clasp.scene: {} scenes in {}; recalling on {}", library.size(), scenesFolder, control);
    }

    static Path dataFolder(String data) {
        return Path.of(data == null || data.isBlank() ? "data" : data, "scenes");
    }

    /** Stops the control address, lets a recall under way finish (at most a few seconds), closes the session. */
    @Deactivate
    void deactivate() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        session.close();
    }

    @Descriptor("saves the params matching a pattern, with their current values, as a scene (replacing one of that name)")
    public String save(@Descriptor("the scene's name: " + SceneName.RULE) String name,
                       @Descriptor("address pattern, e.g. /lights/** (quote one that starts with /*)") String pattern) {
        return commands.save(name, pattern);
    }

    @Descriptor("recalls a scene at once: every param in one bundle, all or nothing")
    public String recall(@Descriptor("the scene's name") String name) {
        return commands.recall(name, 0);
    }

    @Descriptor("recalls a scene over a fade: numbers move linearly from their current values, other params are set at the start")
    public String recall(@Descriptor("the scene's name") String name, @Descriptor("the fade, in ms (0: at once)") long fadeMs) {
        return commands.recall(name, fadeMs);
    }

    @Descriptor("lists the scenes: name, params, pattern, when saved; and the control address with its counts")
    public String list() {
        return commands.list();
    }

    @Descriptor("shows a scene's params, sorted by address, values as in the scene files")
    public String show(@Descriptor("the scene's name") String name) {
        return commands.show(name);
    }

    @Descriptor("deletes a scene and its file")
    public String delete(@Descriptor("the scene's name") String name) {
        return commands.delete(name);
    }

    @Descriptor("writes every scene to one JSON file (the format of the scene files)")
    public String export(@Descriptor("the file to write, e.g. show.json") String file) {
        return commands.export(Path.of(file));
    }

    @Descriptor("adds the scenes of a JSON file written by export, replacing those of the same names; a file with any "
            + "error changes nothing")
    public String _import(@Descriptor("the file to read") String file) {
        return commands.importFile(Path.of(file));
    }
}
