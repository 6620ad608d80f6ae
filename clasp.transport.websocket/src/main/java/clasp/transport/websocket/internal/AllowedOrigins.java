package clasp.transport.websocket.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The origins whose browser pages may open a WebSocket on a listener ({@code allowedOrigins}): an upgrade request
 * whose Origin header names another is refused. A request without Origin comes from no browser (browsers always
 * send it on WebSocket upgrades) and is allowed. Compared as RFC 6454 serialises origins: scheme and host in lower
 * case, no path; a trailing slash in the configuration is forgiven. Empty: every origin. Immutable.
 */
record AllowedOrigins(Set<String> origins) {
    private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s,]+|null");

    /** A comma-separated list; an entry that is not {@code scheme://host[:port]} (or {@code null}) is refused. */
    static AllowedOrigins parse(String configured) {
        Set<String> origins = new LinkedHashSet<>();
        if (configured != null) {
            for (String entry : configured.split(",")) {
                String origin = normal(entry);
                if (origin.isEmpty()) continue;
                if (!ORIGIN.matcher(origin).matches()) {
                    throw new IllegalArgumentException("allowedOrigins: '" + entry.trim()
                            + "' is not an origin (scheme://host[:port], e.g. https://console.example.org)");
                }
                origins.add(origin);
            }
        }
        return new AllowedOrigins(Set.copyOf(origins));
    }

    /** True when a request with this Origin header (null: none) may upgrade. */
    boolean allows(String origin) {
        return origin == null || origins.isEmpty() || origins.contains(normal(origin));
    }

    private static String normal(String origin) {
        String text = origin.trim().toLowerCase(Locale.ROOT);
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
