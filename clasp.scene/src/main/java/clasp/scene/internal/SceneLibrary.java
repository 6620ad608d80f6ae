package clasp.scene.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The scenes, in memory and in their folder: a change is written to its file first, then made visible. Thread-safe;
 * changes are serialised.
 */
final class SceneLibrary {
    private final SceneFolder folder;
    private final Map<String, Scene> scenes = new ConcurrentSkipListMap<>();

    SceneLibrary(SceneFolder folder) { this.folder = folder; }

    /** Reads every scene file (at activation). */
    synchronized int load() throws IOException {
        scenes.clear();
        scenes.putAll(folder.load());
        return scenes.size();
    }

    Optional<Scene> get(String name) { return Optional.ofNullable(scenes.get(name)); }

    /** Every scene, by name. */
    List<Scene> all() { return new ArrayList<>(scenes.values()); }

    int size() { return scenes.size(); }

    /** Adds or replaces {@code scene}; true when it replaced one. */
    synchronized boolean put(Scene scene) throws IOException {
        folder.write(scene);
        return scenes.put(scene.name(), scene) != null;
    }

    /** Removes scene {@code name}; false when there was none. */
    synchronized boolean remove(String name) throws IOException {
        boolean had = scenes.containsKey(name);
        folder.delete(name);
        scenes.remove(name);
        return had;
    }

    SceneFolder folder() { return folder; }
}
