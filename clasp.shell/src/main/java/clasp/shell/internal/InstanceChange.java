package clasp.shell.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a create, update or delete of a factory configuration returns.
 *
 * @param action     "created", "updated" or "deleted"
 * @param pid        the configuration's PID, {@code <factoryPid>~<name>}
 * @param file       the {@code .cfg} file written or deleted
 * @param properties the properties the configuration holds now (none after a delete)
 * @param outcome    what became of the instance (for example "state  FAILED: cannot listen ..."), one or more
 *                   lines; null when not awaited
 * @param secrets    keys whose values are never shown: MetaType describes them as PASSWORD (keys starting with '.'
 *                   are private and never shown either)
 */
public record InstanceChange(String action, String pid, String file, Map<String, Object> properties, String outcome,
                             Set<String> secrets) {
    public InstanceChange {
        properties = new TreeMap<>(properties);
        secrets = Set.copyOf(secrets);
    }

    public InstanceChange(String action, String pid, String file, Map<String, Object> properties, Set<String> secrets) {
        this(action, pid, file, properties, null, secrets);
    }

    public InstanceChange(String action, String pid, String file, Map<String, Object> properties) {
        this(action, pid, file, properties, null, Set.of());
    }

    public InstanceChange withOutcome(String outcome) {
        return new InstanceChange(action, pid, file, properties, outcome, secrets);
    }

    /** Whether the value of {@code key} must not be shown. */
    public boolean secret(String key) {
        return key.startsWith(".") || secrets.contains(key);
    }
}
