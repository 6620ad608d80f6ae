package clasp.shell.internal.command;

import clasp.api.Address;
import clasp.api.SignalType;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.Router;
import clasp.api.router.Subscription;
import clasp.shell.internal.CtrlC;
import clasp.shell.internal.Formats;
import clasp.shell.internal.RouterStatus;
import clasp.shell.internal.Watcher;
import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code clasp:status} and {@code clasp:watch}: the router at a glance (with its refusal counters), and its traffic
 * as it happens until Ctrl-C ({@link CtrlC}) or {@code -n} messages.
 */
@Component(service = RouterCommands.class, immediate = true)
@GogoCommand(scope = "clasp", function = {"status", "watch"})
public final class RouterCommands {
    static final String ALL = "/**";
    /** Messages waiting for the console at most; more are dropped and counted. */
    static final int WATCH_QUEUE = 10_000;

    private final Router router;
    private volatile boolean active = true;

    @Activate
    public RouterCommands(@Reference(name = "router") Router router) {
        this.router = router;
    }

    /** Ends running watches: their sessions go with the router anyway. */
    @Deactivate
    void deactivate() {
        active = false;
    }

    @Descriptor("shows the router's status: uptime, sessions, params, frames per second and in total, drops, "
            + "and how many transports and bridges there are and how many are not online")
    public RouterStatus status() {
        return RouterStatus.of(router, Formats.micros(Clock.systemUTC().instant()));
    }

    @Descriptor("prints every SET and PUBLISH on every address (time, address, signal, value) as it arrives, "
            + "until Ctrl-C or -n messages")
    public Object watch(CommandSession session,
                        @Descriptor("signal types to show, comma-separated: param, event, stream, gesture, timeline (default: all)")
                        @Parameter(names = {"-t", "--types"}, absentValue = "") String types,
                        @Descriptor("stop after this many messages (default 0: until Ctrl-C)")
                        @Parameter(names = {"-n", "--count"}, absentValue = "0") int count) {
        return watch(session, types, count, ALL);
    }

    @Descriptor("prints every SET and PUBLISH matching a pattern (time, address, signal, value) as it arrives, "
            + "until Ctrl-C or -n messages")
    public Object watch(CommandSession session,
                        @Descriptor("signal types to show, comma-separated: param, event, stream, gesture, timeline (default: all)")
                        @Parameter(names = {"-t", "--types"}, absentValue = "") String types,
                        @Descriptor("stop after this many messages (default 0: until Ctrl-C)")
                        @Parameter(names = {"-n", "--count"}, absentValue = "0") int count,
                        @Descriptor("address pattern, e.g. /mixer/** or /lights/*/level (quote one that starts with /*)")
                        String pattern) {
        String problem = Address.problem(pattern);
        if (problem != null) return problem;
        if (count < 0) return "-n must be 0 or more";
        Set<SignalType> signals;
        try {
            signals = signalTypes(types);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        // In Gogo, System.out on the command's thread is the command's output: its session, pipe or background job.
        PrintStream out = System.out;
        Watcher watcher = new Watcher(WATCH_QUEUE, Clock.systemDefaultZone());
        // Ctrl-C on a terminal ends the watch quietly; elsewhere an interrupt does (a job's interrupt, a closed session).
        try (CtrlC ctrlC = CtrlC.install(session);
             LocalSession watching = router.openSession("shell-watch", false);
             Subscription subscription = watching.subscribe(pattern, signals, watcher)) {
            watcher.print(out, count, () -> !active || ctrlC.pressed());
        } catch (ClaspException e) {
            return "refused: " + e.getMessage() + " (" + e.code() + ")";
        } catch (InterruptedException stopped) {
            // Ctrl-C: the interrupt asked this command to stop, and it has; the session and subscription are closed.
        }
        return null;
    }

    /** "" is every type; else comma-separated names. */
    static Set<SignalType> signalTypes(String types) {
        Set<SignalType> out = EnumSet.noneOf(SignalType.class);
        if (types == null || types.isBlank()) return out;
        for (String name : types.split(",")) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            if (n.isEmpty()) continue;
            try {
                out.add(SignalType.valueOf(n));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("unknown signal type '" + name.trim()
                        + "'; use param, event, stream, gesture, timeline");
            }
        }
        return out;
    }
}
