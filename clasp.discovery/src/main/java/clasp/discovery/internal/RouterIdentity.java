package clasp.discovery.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/** The stable router id: configured, or generated once and kept in a file. */
final class RouterIdentity {
    private static final Pattern READABLE = Pattern.compile("[\\x21-\\x7e]{1,64}");

    private RouterIdentity() {}

    /** The id kept in {@code file}; a new random one (written there) when the file is missing or unreadable. */
    static String load(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (READABLE.matcher(kept).matches()) return kept;
        }
        String id = UUID.randomUUID().toString();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return id;
    }
}
