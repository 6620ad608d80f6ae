package clasp.dashboard.internal;

import clasp.api.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;

/**
 * The page's files (the bundle's {@code ui/} folder), read into memory once at activation so a request is answered on
 * the network thread at once. Immutable after construction.
 */
final class StaticFiles {
    static final String FOLDER = "ui";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "txt", "text/plain; charset=utf-8");

    /** By path under the folder ("index.html", "vendor/msgpack/index.mjs"). */
    private final Map<String, byte[]> files;

    StaticFiles(Map<String, byte[]> files) {
        this.files = Map.copyOf(files);
    }

    /** Every file under the bundle's {@value #FOLDER} folder. */
    static StaticFiles of(Bundle bundle) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        Enumeration<URL> entries = bundle.findEntries(FOLDER, "*", true);
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = url.getPath();
            if (path.endsWith("/")) continue;
            String relative = path.substring(path.indexOf(FOLDER + "/") + FOLDER.length() + 1);
            try (InputStream in = url.openStream()) {
                files.put(relative, in.readAllBytes());
            }
        }
        return new StaticFiles(files);
    }

    /** The answer for {@code relative} (the path after {@code /ui/}; empty is the page), if there is such a file. */
    Optional<HttpResponse> answer(String relative) {
        String name = relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative;
        byte[] body = files.get(name);
        if (body == null) return Optional.empty();
        return Optional.of(HttpResponse.of(200, contentType(name), body).with("Cache-Control", "no-store")
                .with("X-Content-Type-Options", "nosniff"));
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        return TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1), "application/octet-stream");
    }
}
