package clasp.transport.netty;

import clasp.protocol.transport.Transport;
import java.util.Map;

/** The instance id of a transport component, from its configuration's properties. */
public final class InstanceIds {
    private InstanceIds() {
    }

    /** {@code clasp.transport.id}, else the factory configuration's name ({@code clasp.transport.<kind>~name}). */
    public static String of(Map<String, ?> properties) {
        Object id = properties.get(Transport.ID);
        if (id != null && !id.toString().isBlank()) return id.toString();
        Object pid = properties.get("service.pid");
        String p = pid == null ? "default" : pid.toString();
        int tilde = p.lastIndexOf('~');
        return tilde >= 0 ? p.substring(tilde + 1) : p;
    }
}
