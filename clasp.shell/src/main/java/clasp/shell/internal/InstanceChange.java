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
 */
public record InstanceChange(String action, String pid, String file, Map<String, Object> properties) {
    public InstanceChange {
        properties = new TreeMap<>(properties);
    }
}
