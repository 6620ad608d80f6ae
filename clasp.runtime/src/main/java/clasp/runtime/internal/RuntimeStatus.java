package clasp.runtime.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;

/** Formats the runtime's one status line: how many bundles there are and which of them are not active. */
final class RuntimeStatus {
    /** A bundle as the status line sees it. */
    record Entry(String name, int state, boolean fragment) {
        /** Fragments never become ACTIVE: attached (RESOLVED) is their working state. */
        boolean active() {
            return state == Bundle.ACTIVE || (fragment && state == Bundle.RESOLVED);
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
