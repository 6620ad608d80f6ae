package clasp.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;

/**
 * Prepares the CLASP runtime. It starts at start level 3 (cnf/runtime.bnd): after SLF4J and logback, before
 * Gogo and the application bundles. It sets up logging ({@link ConsoleLogging}), creates the folder fileinstall
 * watches, writes the default configurations into it on first start, chooses the shell mode, stops the framework
 * cleanly on SIGTERM, and logs two status lines: "ready" once every configured listener accepts clients
 * ({@link ReadinessWatch}, watching from this bundle's start), then "started" once the framework has reached the
 * start level of every bundle.
 * <p>
 * The launcher takes the framework to start level 4 only (cnf/runtime.bnd): what accepting clients needs. This
 * bundle raises it to the highest bundle start level (the shell), and to the level bundles installed later get,
 * once the listeners accept or once it reports that they do not, so that the shell's start does not compete with
 * the listeners' for the processor.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public class RuntimeActivator implements BundleActivator, FrameworkListener {
    static final String ETC_PROPERTY = "clasp.etc";
    static final String DEFAULT_ETC = "etc";
    private static final long STOP_TIMEOUT_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeActivator.class);

    private final AtomicBoolean reported = new AtomicBoolean();
    private BundleContext context;
    private Bundle systemBundle;
    private Path etc;
    private Thread shutdownHook;
    private Map<String, String> shellProperties = Map.of();
    private ReadinessWatch readiness;

    @Override
    public void start(BundleContext context) {
        this.context = context;
        systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
        configureLogback(context.getProperty("clasp.data"));

        etc = Path.of(Optional.ofNullable(context.getProperty(ETC_PROPERTY)).orElse(DEFAULT_ETC)).toAbsolutePath();
        try {
            Files.createDirectories(etc);
            for (Path written : DefaultConfigurations.writeOnce(etc, context.getBundle().findEntries("defaults", "*.cfg", false))) {
                LOG.info("Wrote the default configuration {}", written);
            }
        } catch (IOException e) {
            LOG.error("Cannot prepare the configuration folder {} ({}): configurations will not be loaded", etc, e.toString());
        }

        if (ShellMode.headless(context.getProperty(ShellMode.GOSH_ARGS), context.getProperty(ShellMode.HEADLESS_PROPERTY),
                ShellMode.hasTerminal())) {
            try {
                shellProperties = ShellMode.headlessProperties(context.getDataFile("gosh").toPath());
                // Framework properties fall back to system properties, and Gogo starts after this bundle.
                shellProperties.forEach(System::setProperty);
            } catch (IOException e) {
                LOG.error("Cannot prepare the headless shell ({}): Gogo may stop the runtime at end of input", e.toString());
            }
        }

        shutdownHook = new Thread(this::stopFramework, "clasp-runtime-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        readiness = new ReadinessWatch(context, etc, this::startTheRest);
        readiness.start();
        context.addFrameworkListener(this);
        LOG.debug("Started: configuration folder {}, headless shell properties {}", etc, shellProperties);
    }

    @Override
    public void stop(BundleContext context) {
        context.removeFrameworkListener(this);
        readiness.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook itself is stopping the framework.
        }
        shellProperties.keySet().forEach(System::clearProperty);
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        int type = event.getType();
        if ((type == FrameworkEvent.STARTED || type == FrameworkEvent.STARTLEVEL_CHANGED)
                && everyStartLevelReached() && reported.compareAndSet(false, true)) {
            List<RuntimeStatus.Entry> bundles = Arrays.stream(context.getBundles())
                    .filter(b -> b.getBundleId() != Constants.SYSTEM_BUNDLE_ID)
                    .map(RuntimeActivator::entry)
                    .toList();
            String line = RuntimeStatus.line(bundles) + " (configuration folder " + etc + ")";
            if (RuntimeStatus.allActive(bundles)) {
                LOG.info(line);
            } else {
                LOG.warn(line);
            }
        }
    }

    /**
     * Raises the framework to the highest start level of its bundles, and at least to the level bundles installed
     * later get (the shell's install, fileinstall's jars in the configuration folder), if it is not there yet.
     */
    private void startTheRest() {
        FrameworkStartLevel framework = systemBundle.adapt(FrameworkStartLevel.class);
        int highest = Math.max(framework.getInitialBundleStartLevel(), Arrays.stream(context.getBundles())
                .map(b -> b.adapt(BundleStartLevel.class))
                .mapToInt(level -> level == null ? 0 : level.getStartLevel())
                .max().orElse(0));
        if (framework.getStartLevel() < highest) {
            LOG.debug("Raising the framework start level from {} to {}", framework.getStartLevel(), highest);
            framework.setStartLevel(highest);
        }
    }

    private boolean everyStartLevelReached() {
        int frameworkLevel = systemBundle.adapt(FrameworkStartLevel.class).getStartLevel();
        return Arrays.stream(context.getBundles())
                .map(b -> b.adapt(BundleStartLevel.class))
                .allMatch(level -> level == null || level.getStartLevel() <= frameworkLevel);
    }

    private static RuntimeStatus.Entry entry(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        String name = bundle.getSymbolicName() != null ? bundle.getSymbolicName() : bundle.getLocation();
        boolean lazy = "lazy".equals(String.valueOf(bundle.getHeaders("").get(org.osgi.framework.Constants.BUNDLE_ACTIVATIONPOLICY))
                .split(";")[0].trim());
        return new RuntimeStatus.Entry(name, bundle.getState(), fragment, lazy);
    }

    /** Runs on SIGTERM (and any other JVM exit while the runtime is up): stops every bundle in order. */
    private void stopFramework() {
        LOG.info("CLASP runtime stopping");
        try {
            systemBundle.stop();
            if (systemBundle instanceof Framework framework) {
                framework.waitForStop(STOP_TIMEOUT_MS);
            }
        } catch (BundleException e) {
            LOG.error("Cannot stop the framework", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Replaces logback's default configuration (everything at DEBUG) with the runtime's ({@link ConsoleLogging}),
     * unless the user named a file with -Dlogback.configurationFile, which logback has then already applied.
     */
    private static void configureLogback(String dataFolder) {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext loggerContext)) {
            // Nothing else would say so: without logback there is no logging at all.
            System.err.println("clasp.runtime: SLF4J is not bound to logback but to "
                    + LoggerFactory.getILoggerFactory().getClass().getName() + "; check the start levels of SPI Fly and logback");
            return;
        }
        ConsoleLogging.apply(loggerContext, dataFolder == null ? "data" : dataFolder);
    }
}
