package clasp.store.mvstore.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code clasp.store:status} and {@code clasp.store:backup <file>}. Gogo is optional: without it the commands are
 * simply not called.
 */
@Component(service = StoreCommands.class, immediate = true)
@GogoCommand(scope = "clasp.store", function = {"status", "backup"})
public final class StoreCommands {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final StoreComponent component;

    @Activate
    public StoreCommands(@Reference(name = "store") StoreComponent component) { this.component = component; }

    @Descriptor("shows the store: what it is, its file and size, its last commit, and the journal")
    public String status() { return format(component.store().status()); }

    static String format(StoreStatus s) {
        StringBuilder out = new StringBuilder();
        out.append("store:        ").append(s.store()).append('\n');
        out.append("file:         ").append(s.file().toAbsolutePath()).append(", ")
                .append(s.fileBytes() < 0 ? "size unknown" : Sizes.bytes(s.fileBytes())).append('\n');
        out.append("last commit:  ").append(s.lastCommit() == null ? "none yet"
                : TIME.format(s.lastCommit()) + ", took " + millis(s.lastCommitMicros()) + " ms")
                .append(", ").append(s.commits()).append(" commits").append('\n');
        if (s.lastFailure() != null) out.append("failing:      ").append(s.lastFailure()).append('\n');
        out.append("journal:      ").append(s.journal() == null ? "off" : s.journal()).append('\n');
        return out.toString();
    }

    private static String millis(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
    }

    @Descriptor("writes a consistent copy of the store file while the router runs (restore: stop the runtime, put the "
            + "copy in place of clasp.mv.db, start it)")
    public String backup(@Descriptor("the copy's path, e.g. backup/clasp-2026-05-01.mv.db") String file) throws IOException {
        Path target = Path.of(file);
        long size = component.store().backup(target);
        return "backed up " + component.store().settings().file().toAbsolutePath() + " to " + target.toAbsolutePath()
                + " (" + Sizes.bytes(size) + ")";
    }
}
