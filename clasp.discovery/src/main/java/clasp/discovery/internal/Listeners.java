package clasp.discovery.internal;

import clasp.api.discovery.Announcement;
import clasp.api.router.TransportInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The router's listeners as {@code _clasp._tcp} announcements: one per listener whose kind is announced and whose
 * endpoint has a port, on each address only the listeners reachable there (bound to every address or to that one).
 * The WebSocket listener with the lowest port is announced under the plain name (what
 * browsers that know only D.2 look for); every other as {@code <name> (<scheme> <port>)}.
 */
final class Listeners {
    /** The wire protocol version written as TXT {@code version}. */
    static final String PROTOCOL_VERSION = "1";
    /** The router's features as D.2 letters: param, stream, event, timeline, gesture. */
    static final String FEATURES = "psetg";

    private Listeners() {}

    /**
     * A listener's scheme (ws, wss, tcp, tls, udp, quic, …), port and path, from its endpoint, and the address it is
     * bound to (null: every address).
     */
    record Endpoint(String kind, String scheme, String host, int port, String path) {
        /** Whether clients reach it at {@code address}. */
        boolean reachableAt(java.net.InetAddress address) {
            return host == null || host.equals(address.getHostAddress());
        }

        static Endpoint parse(TransportInfo t) {
            if (t.endpoint() == null || t.endpoint().isEmpty()) return null;
            try {
                URI uri = new URI(t.endpoint());
                if (uri.getScheme() == null || uri.getPort() < 1) return null;
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                String host = uri.getHost();
                if (host != null && host.startsWith("[")) host = host.substring(1, host.length() - 1);
                boolean wildcard = host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")
                        || host.equals("0:0:0:0:0:0:0:0");
                return new Endpoint(t.kind(), uri.getScheme().toLowerCase(java.util.Locale.ROOT), wildcard ? null : host,
                        uri.getPort(), path);
            } catch (java.net.URISyntaxException e) {
                return null;
            }
        }
    }

    /** The announced endpoints of {@code transports}, websocket first, then by scheme and port. */
    static List<Endpoint> endpoints(List<TransportInfo> transports, Set<String> kinds) {
        List<Endpoint> out = new ArrayList<>();
        for (TransportInfo t : transports) {
            Endpoint e = kinds.contains(t.kind()) ? Endpoint.parse(t) : null;
            if (e != null) out.add(e);
        }
        out.sort(Comparator.comparing((Endpoint e) -> !e.kind().equals("websocket")).thenComparing(Endpoint::scheme)
                .thenComparingInt(Endpoint::port));
        return out;
    }

    /** The announcement of each endpoint, in the order of {@code endpoints}. */
    static List<Announcement> announcements(List<Endpoint> endpoints, String name, String routerId) {
        Map<String, String> ports = new LinkedHashMap<>();
        for (Endpoint e : endpoints) ports.putIfAbsent(e.scheme(), Integer.toString(e.port()));
        List<Announcement> out = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint e = endpoints.get(i);
            Map<String, String> txt = new LinkedHashMap<>();
            txt.put("transport", e.kind());
            txt.put("path", e.path());
            txt.put("version", PROTOCOL_VERSION);
            txt.put("name", name);
            txt.put("features", FEATURES);
            txt.put("id", routerId);
            txt.putAll(ports);
            boolean plain = i == 0 && e.kind().equals("websocket");
            String suffix = plain ? "" : " (" + e.scheme() + " " + e.port() + ")";
            out.add(Announcement.of(Announcement.CLASP_TCP, fit(name, 63 - suffix.length()) + suffix, e.port(), txt));
        }
        return out;
    }

    /** {@code s} cut to at most {@code maxBytes} bytes of UTF-8, never inside a character. */
    static String fit(String s, int maxBytes) {
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int cp : s.codePoints().toArray()) {
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + n > maxBytes) break;
            b.appendCodePoint(cp);
            used += n;
        }
        return b.toString();
    }
}
