package clasp.oscquery.internal;

import clasp.api.router.Router;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The answer to {@code ?HOST_INFO}: {@code NAME}, {@code EXTENSIONS} (what this server supports, true or false),
 * {@code OSC_IP} / {@code OSC_PORT} / {@code OSC_TRANSPORT} of the router's OSC adapter when one runs, and
 * {@code WS_IP} / {@code WS_PORT} of this server's WebSocket. A wildcard bind address (0.0.0.0, ::) is reported as
 * the address the asking client reached this server on, which is one it can use.
 */
final class HostInfo {
    private static final String[] SUPPORTED = {"ACCESS", "VALUE", "RANGE", "DESCRIPTION", "LISTEN",
            "PATH_CHANGED", "PATH_ADDED", "PATH_REMOVED"};
    private static final String[] UNSUPPORTED = {"TAGS", "EXTENDED_TYPE", "UNIT", "CRITICAL", "CLIPMODE",
            "OVERLOADS", "PATH_RENAMED", "HTML"};

    private final String name;
    private final Router router;

    HostInfo(String name, Router router) {
        this.name = name;
        this.router = router;
    }

    /** @param local the address of the asking connection on this server's side */
    ObjectNode json(InetSocketAddress local) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("NAME", name);
        ObjectNode extensions = info.putObject("EXTENSIONS");
        for (String e : SUPPORTED) extensions.put(e, true);
        for (String e : UNSUPPORTED) extensions.put(e, false);
        OscServerEndpoint.of(router).ifPresent(osc -> {
            info.put("OSC_IP", reachable(osc.host(), local.getAddress()));
            info.put("OSC_PORT", osc.port());
            info.put("OSC_TRANSPORT", osc.transport());
        });
        info.put("WS_IP", local.getAddress().getHostAddress());
        info.put("WS_PORT", local.getPort());
        return info;
    }

    private static String reachable(String host, InetAddress asked) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0") ? asked.getHostAddress() : host;
    }
}
