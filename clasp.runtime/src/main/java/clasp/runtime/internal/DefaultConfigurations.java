package clasp.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Writes the runtime's default configurations (this bundle's {@code defaults/*.cfg}) into the configuration
 * folder on the runtime's first start with that folder, so that a fresh runtime serves ws://127.0.0.1:7330.
 * Files already there are kept. A marker file records that it was done: a default the admin deletes later
 * stays deleted, which is how an instance is removed.
 */
final class DefaultConfigurations {
    static final String MARKER = ".clasp-defaults";

    private DefaultConfigurations() { }

    /** Returns the files written (none once the marker exists). */
    static List<Path> writeOnce(Path etc, Enumeration<URL> defaults) throws IOException {
        Path marker = etc.resolve(MARKER);
        if (Files.exists(marker)) return List.of();
        List<Path> written = new ArrayList<>();
        for (URL url : defaults == null ? List.<URL>of() : Collections.list(defaults)) {
            String path = url.getPath();
            Path target = etc.resolve(path.substring(path.lastIndexOf('/') + 1));
            if (Files.exists(target)) continue;
            try (InputStream in = url.openStream()) {
                Files.copy(in, target);
            }
            written.add(target);
        }
        Files.writeString(marker, "# The CLASP runtime wrote its default configurations here once; it will not write them again.\n");
        return written;
    }
}
