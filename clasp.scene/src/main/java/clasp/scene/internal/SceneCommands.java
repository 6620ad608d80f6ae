package clasp.scene.internal;

import clasp.api.Address;
import clasp.api.Value;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the {@code clasp.scene:*} commands do; each answers one text, an error included (one line, no trace). */
final class SceneCommands {
    private final SceneLibrary library;
    private final SceneRecall recall;
    private final SceneControl control;
    private final LocalSession session;
    private final Clock clock;

    SceneCommands(SceneLibrary library, SceneRecall recall, SceneControl control, LocalSession session, Clock clock) {
        this.library = library;
        this.recall = recall;
        this.control = control;
        this.session = session;
        this.clock = clock;
    }

    String save(String name, String pattern) {
        String problem = SceneName.problem(name);
        if (problem == null) problem = Address.problem(pattern);
        if (problem != null) return problem;
        Map<String, Value> params = new TreeMap<>();
        try {
            for (ParamState p : session.params(pattern)) params.put(p.address(), p.value());
        } catch (ClaspException e) {
            return "save " + name + " refused: " + e.code() + " " + e.getMessage();
        }
        if (params.isEmpty()) return "no params match " + pattern + ": " + name + " not saved";
        try {
            boolean replaced = library.put(Scene.of(name, pattern, clock.instant(), params));
            return "saved " + name + ": " + params.size() + (params.size() == 1 ? " param" : " params") + " matching "
                    + pattern + (replaced ? " (replaced the earlier " + name + ")" : "");
        } catch (IOException e) {
            return "save " + name + " failed, nothing saved: cannot write " + library.folder().file(name) + ": " + e;
        }
    }

    String recall(String name, long fadeMs) {
        String problem = SceneName.problem(name);
        if (problem != null) return problem;
        try {
            return recall.recall(name, fadeMs);
        } catch (RecallRefused e) {
            return e.getMessage();
        }
    }

    String list() {
        StringBuilder out = new StringBuilder();
        List<Scene> scenes = library.all();
        if (scenes.isEmpty()) {
            out.append("no scenes (files in ").append(library.folder().path().toAbsolutePath()).append(")\n");
        } else {
            List<String[]> rows = new java.util.ArrayList<>();
            rows.add(new String[] {"NAME", "PARAMS", "PATTERN", "SAVED"});
            for (Scene s : scenes) {
                rows.add(new String[] {s.name(), Integer.toString(s.params().size()), s.pattern(), s.saved().toString()});
            }
            out.append(TextTable.format(rows, 1));
        }
        out.append("control address ").append(control.address()).append(": ").append(control.recalled()).append(" recalled, ")
                .append(control.refused()).append(" refused; last recall in ").append(SceneRecall.STATUS_ADDRESS);
        return out.toString();
    }

    String show(String name) {
        String problem = SceneName.problem(name);
        if (problem != null) return problem;
        Scene s = library.get(name).orElse(null);
        if (s == null) return "no scene " + name;
        StringBuilder out = new StringBuilder();
        out.append(name).append(": ").append(s.params().size()).append(s.params().size() == 1 ? " param" : " params")
                .append(" matching ").append(s.pattern()).append(", saved ").append(s.saved()).append('\n');
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"ADDRESS", "VALUE"});
        s.params().forEach((address, value) -> rows.add(new String[] {address, ValueJson.write(value).toString()}));
        return out.append(TextTable.format(rows, -1).stripTrailing()).toString();
    }

    String delete(String name) {
        String problem = SceneName.problem(name);
        if (problem != null) return problem;
        try {
            return library.remove(name) ? "deleted " + name : "no scene " + name;
        } catch (IOException e) {
            return "delete " + name + " failed: cannot delete " + library.folder().file(name) + ": " + e;
        }
    }

    String export(Path file) {
        Path target = file.toAbsolutePath();
        List<Scene> scenes = library.all();
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.writeString(temp, SceneJson.write(scenes), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            return "export failed: cannot write " + target + ": " + e;
        }
        return "exported " + scenes.size() + (scenes.size() == 1 ? " scene" : " scenes") + " to " + target;
    }

    String importFile(Path file) {
        Path source = file.toAbsolutePath();
        List<Scene> scenes;
        try {
            scenes = SceneJson.read(Files.readString(source, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "import refused, nothing changed: cannot read " + source + ": " + e;
        } catch (SceneFormatException e) {
            return "import refused, nothing changed: " + source + ": " + e.getMessage();
        }
        int replaced = 0;
        for (Scene s : scenes) {
            try {
                if (library.put(s)) replaced++;
            } catch (IOException e) {
                return "import failed at scene " + s.name() + " (the scenes before it were imported): cannot write "
                        + library.folder().file(s.name()) + ": " + e;
            }
        }
        return "imported " + scenes.size() + (scenes.size() == 1 ? " scene" : " scenes") + " from " + source + ": "
                + (scenes.size() - replaced) + " new, " + replaced + " replaced";
    }
}
