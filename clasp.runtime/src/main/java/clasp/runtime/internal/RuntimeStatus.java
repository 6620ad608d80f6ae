package clasp.runtime.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;

import clasp.api.router.TransportInfo;

/**
 * Formats the runtime's status lines: "started" (how many bundles there are and which of them are not active)
 * and "ready" (every configured listener accepts clients, with its endpoint), or what it is still waiting for.
 */
final class RuntimeStatus {
    /**
     * A bundle as the status line sees it.
     *
     * @param lazy it declares {@code Bundle-ActivationPolicy: lazy} (e.g. Paho's MQTT client)
     */
    record Entry(String name, int state, boolean fragment, boolean lazy) {
        Entry(String name, int state, boolean fragment) {
            this(name, state, fragment, false);
        }

        /**
         * Fragments never become ACTIVE: attached (RESOLVED) is their working state. A lazy bundle that was started
         * stays STARTING until a class is first loaded from it: started is its working state.
         */
        boolean active() {
            return state == Bundle.ACTIVE || (fragment && state == Bundle.RESOLVED) || (lazy && state == Bundle.STARTING);
        }
    }

    private RuntimeStatus() {
    }

    static boolean allActive(List<Entry> bundles) {
        return bundles.stream().allMatch(Entry::active);
    }

    /** E.g. {@code CLASP runtime started: 23 bundles, all active} or {@code ..., 1 not active: x (RESOLVED)}. */
    static String line(List<Entry> bundles) {
        List<Entry> inactive = bundles.stream().filter(e -> !e.active()).toList();
        String head = "CLASP runtime started: " + bundles.size() + " bundles, ";
        if (inactive.isEmpty()) {
            return head + "all active";
        }
        return head + inactive.size() + " not active: "
                + inactive.stream().map(e -> e.name() + " (" + stateName(e.state()) + ")").collect(Collectors.joining(", "));
    }

    /** E.g. {@code CLASP runtime ready in 1234 ms: accepting clients on ws://0.0.0.0:7330/ (default)}. */
    static String ready(Duration sinceJvmStart, Collection<TransportInfo> listeners) {
        String head = "CLASP runtime ready in " + sinceJvmStart.toMillis() + " ms: ";
        if (listeners.isEmpty()) {
            return head + "no listener configured";
        }
        return head + "accepting clients on " + listeners.stream()
                .map(t -> t.endpoint() + " (" + t.id() + ")").collect(Collectors.joining(", "));
    }

    /** E.g. {@code CLASP runtime not ready: waiting for listener foh: FAILED (open failed: ...)}. */
    static String notReady(Map<String, String> missing) {
        return "CLASP runtime not ready: waiting for " + missing.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> Integer.toString(state);
        };
    }
}
