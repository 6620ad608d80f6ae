package clasp.scene.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scene files: {@code <folder>/<name>.json}, one scene each in {@link SceneJson}'s format. A file is written to a
 * temporary file beside it, forced to disk and renamed over the old one, so a crash leaves the old or the new scene,
 * never half of one. The folder is made on the first write.
 */
final class SceneFolder {
    private static final Logger LOG = LoggerFactory.getLogger("clasp.scene");
    private static final String SUFFIX = ".json";

    private final Path folder;

    SceneFolder(Path folder) { this.folder = folder; }

    Path path() { return folder; }

    /** Every scene in the folder by name; a file that cannot be read is logged (WARN) and left as it is. */
    Map<String, Scene> load() throws IOException {
        Map<String, Scene> scenes = new TreeMap<>();
        if (!Files.isDirectory(folder)) return scenes;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - SUFFIX.length());
                if (SceneName.problem(name) != null) continue;
                Scene scene = read(file, name);
                if (scene != null) scenes.put(name, scene);
            }
        }
        return scenes;
    }

    private static Scene read(Path file, String name) {
        try {
            List<Scene> in = SceneJson.read(Files.readString(file, StandardCharsets.UTF_8));
            if (in.size() == 1 && in.get(0).name().equals(name)) return in.get(0);
            LOG.warn("clasp.scene: {} skipped: it must hold exactly the scene \"{}\"", file, name);
        } catch (SceneFormatException e) {
            LOG.warn("clasp.scene: {} skipped: {}", file, e.getMessage());
        } catch (IOException e) {
            LOG.warn("clasp.scene: {} skipped: {}", file, e.toString());
        }
        return null;
    }

    /** Writes {@code scene} to its file, replacing the one there. */
    void write(Scene scene) throws IOException {
        Files.createDirectories(folder);
        Path file = file(scene.name());
        Path temp = folder.resolve("." + scene.name() + SUFFIX + ".tmp");
        byte[] bytes = SceneJson.write(List.of(scene)).getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) out.write(buffer);
            out.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Deletes the file of scene {@code name}; false when there was none. */
    boolean delete(String name) throws IOException {
        return Files.deleteIfExists(file(name));
    }

    Path file(String name) { return folder.resolve(name + SUFFIX); }
}
