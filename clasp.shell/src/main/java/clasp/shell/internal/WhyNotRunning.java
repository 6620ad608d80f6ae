package clasp.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Why a configured instance (a factory configuration) is not running, as Declarative Services sees it: no
 * component takes its factory PID, its component is disabled, waits for a service, or failed to activate (with
 * the exception's message). DS reports a failed activation nowhere else but the OSGi log.
 */
public final class WhyNotRunning {
    private WhyNotRunning() { }

    /** One line for the DETAIL column of {@code list}. */
    public static String reason(ServiceComponentRuntime scr, String factoryPid, String pid) {
        return find(scr, factoryPid, pid).text();
    }

    /**
     * A reason, and whether it will stay so without an admin's action (no component, a failed activation, a
     * disabled component) rather than pass by itself (a component not created or started yet).
     */
    public record Reason(String text, boolean settled) { }

    public static Reason find(ServiceComponentRuntime scr, String factoryPid, String pid) {
        List<ComponentDescriptionDTO> components = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.configurationPid != null && List.of(d.configurationPid).contains(factoryPid)).toList();
        if (components.isEmpty()) {
            return new Reason("no component takes factory PID " + factoryPid + ": is its bundle installed and started?", true);
        }
        List<String> seen = new ArrayList<>();
        for (ComponentDescriptionDTO d : components) {
            if (!scr.isComponentEnabled(d)) {
                seen.add("component " + d.name + " is disabled");
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.properties != null && pid.equals(c.properties.get("service.pid"))) {
                    return new Reason(state(c), c.state == ComponentConfigurationDTO.FAILED_ACTIVATION);
                }
            }
        }
        return seen.isEmpty() ? new Reason("configured, but no component was created for it yet", false)
                : new Reason(String.join("; ", seen), true);
    }

    private static String state(ComponentConfigurationDTO c) {
        switch (c.state) {
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                return "activation failed: " + failure(c.failure);
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                return "waiting for " + unsatisfied(c.unsatisfiedReferences);
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return "waiting for its configuration";
            default:
                return "its component is " + (c.state == ComponentConfigurationDTO.ACTIVE ? "active" : "satisfied")
                        + " but the router has not taken it up (starting, or not a CLASP service)";
        }
    }

    private static String unsatisfied(UnsatisfiedReferenceDTO[] references) {
        if (references == null || references.length == 0) return "a service it references";
        return java.util.Arrays.stream(references).map(r -> r.name + (r.target == null ? "" : " " + r.target))
                .collect(Collectors.joining(", "));
    }

    /**
     * The message of the innermost cause in a stack trace as DS records it ("x.y.SomeException: message" lines,
     * "Caused by: ..." for causes), without the exception's class name; the text as is when it is no trace.
     */
    static String failure(String trace) {
        if (trace == null || trace.isBlank()) return "no reason recorded (see the log)";
        String line = trace.lines().findFirst().orElse("").trim();
        for (String l : (Iterable<String>) trace.lines()::iterator) {
            if (l.startsWith("Caused by: ")) line = l.substring("Caused by: ".length()).trim();
        }
        int colon = line.indexOf(": ");
        String head = colon < 0 ? line : line.substring(0, colon);
        boolean className = head.matches("[\\w$]+(\\.[\\w$]+)+") && (head.endsWith("Exception") || head.endsWith("Error"));
        if (!className) return line;
        return colon < 0 ? head.substring(head.lastIndexOf('.') + 1) : line.substring(colon + 2);
    }
}
