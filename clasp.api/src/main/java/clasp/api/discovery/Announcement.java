package clasp.api.discovery;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One DNS-SD service to announce on the local network, registered as an OSGi service (whiteboard): the discovery
 * bundle announces it while the service is registered. The host and its addresses are those of the machine on the
 * interfaces discovery is configured for.
 *
 * <p>Rules (an announcement breaking one is not announced): {@link #serviceType()} matches {@link #SERVICE_TYPE}
 * (no {@code .local.} suffix); {@link #instanceName()} is 1–63 bytes of UTF-8; {@link #port()} is 1–65535; each
 * TXT key is 1–9 printable ASCII characters without {@code =}, and each {@code key=value} is at most 255 bytes of
 * UTF-8. {@link #valid(Announcement)} checks them.
 */
@ConsumerType
public interface Announcement {
    /** The service type of the router's own listeners, announced by the discovery bundle. */
    String CLASP_TCP = "_clasp._tcp";
    /** An OSCQuery HTTP server. */
    String OSCJSON_TCP = "_oscjson._tcp";
    /** An OSC server on UDP. */
    String OSC_UDP = "_osc._udp";
    /** An OSC server on TCP. */
    String OSC_TCP = "_osc._tcp";
    /** What {@link #serviceType()} must match: {@code _name._tcp} or {@code _name._udp}. */
    Pattern SERVICE_TYPE = Pattern.compile("_[A-Za-z0-9](?:[A-Za-z0-9-]{0,13}[A-Za-z0-9])?\\._(?:tcp|udp)");

    /** The DNS-SD service type, e.g. {@link #OSCJSON_TCP}. */
    String serviceType();

    /** The instance name users see, e.g. {@code CLASP Router}. */
    String instanceName();

    /** The port the service listens on. */
    int port();

    /** The TXT record: key to value (an empty value is written as {@code key=}); never null, may be empty. */
    Map<String, String> txt();

    /** An immutable announcement with these values (copied); {@link #valid} tells whether it follows the rules. */
    static Announcement of(String serviceType, String instanceName, int port, Map<String, String> txt) {
        return new Fixed(serviceType, instanceName, port, Map.copyOf(txt));
    }

    /** Whether {@code a} follows the rules in the class documentation. */
    static boolean valid(Announcement a) {
        String type = a.serviceType();
        String name = a.instanceName();
        Map<String, String> txt = a.txt();
        if (type == null || !SERVICE_TYPE.matcher(type).matches() || name == null || txt == null) {
            return false;
        }
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes < 1 || nameBytes > 63 || a.port() < 1 || a.port() > 65535) {
            return false;
        }
        for (Map.Entry<String, String> e : txt.entrySet()) {
            String key = e.getKey();
            if (key == null || e.getValue() == null || key.isEmpty() || key.length() > 9
                    || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '=')
                    || key.length() + 1 + e.getValue().getBytes(StandardCharsets.UTF_8).length > 255) {
                return false;
            }
        }
        return true;
    }

    /** What {@link #of} returns. */
    record Fixed(String serviceType, String instanceName, int port, Map<String, String> txt) implements Announcement {
    }
}
