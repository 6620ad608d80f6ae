package clasp.itest;

import clasp.api.router.BridgeInfo;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * A bridge bundle of the runtime, {@code clasp.bridge.<kind>}, as the bridge ITs drive it: its type described by the
 * shell, its instances as the router lists them, and its uninstall, after which no instance of it and no thread named
 * {@code clasp-bridge-<kind>-…} may be left.
 */
final class BridgeBundle {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Router router;
    private final BundleContext context;
    private final String kind;

    BridgeBundle(Router router, BundleContext context, String kind) {
        this.router = router;
        this.context = context;
        this.kind = kind;
    }

    /** Waits until {@code clasp.bridge:types} lists the bundle. */
    void awaitType(CommandProcessor processor) {
        Eventually.await(WAIT, "the " + kind + " bridge type described",
                () -> ShellLines.run(processor, "clasp.bridge:types").contains(symbolicName()));
    }

    /** Instance {@code id} as the router lists it, if it does. */
    Optional<BridgeInfo> instance(String id) {
        return router.bridges().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** Waits until the router shows instance {@code id} in {@code state}. */
    void awaitState(String id, PluginState state) {
        Eventually.await(WAIT, "the bridge " + id + " " + state,
                () -> instance(id).map(b -> b.state() == state).orElse(false));
    }

    /** The bundle as the framework has it. */
    Bundle bundle() {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName()))
                .findFirst().orElseThrow();
    }

    /** Uninstalls the bundle (as a user would, while its instances run). */
    void uninstall() throws BundleException {
        bundle().uninstall();
    }

    /** Waits until the router lists none of the instances {@code ids}. */
    void awaitGone(String... ids) {
        Eventually.await(WAIT, "the bridge gone from the router",
                () -> Arrays.stream(ids).allMatch(id -> instance(id).isEmpty()));
    }

    /** Waits until no thread named {@code clasp-bridge-<kind>-…} is alive. */
    void awaitNoThread() {
        String prefix = "clasp-bridge-" + kind + "-";
        Eventually.until("no thread of the bridge", WAIT, () -> Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName).filter(name -> name.startsWith(prefix)).toList(), List::isEmpty);
    }

    private String symbolicName() {
        return "clasp.bridge." + kind;
    }
}
