package clasp.shell.internal;

import java.util.Map;
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
 */
public record InstanceChange(String action, String pid, String file, Map<String, Object> properties, String outcome) {
    public InstanceChange {
        properties = new TreeMap<>(properties);
    }

    public InstanceChange(String action, String pid, String file, Map<String, Object> properties) {
        this(action, pid, file, properties, null);
    }

    public InstanceChange withOutcome(String outcome) {
        return new InstanceChange(action, pid, file, properties, outcome);
    }
}
