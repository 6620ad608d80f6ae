package clasp.dashboard.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/**
 * Scenes, through what the scene bundle offers: its files ({@code <clasp.data>/scenes/<name>.json}, the documented
 * format) are read for the list, and save and recall run its commands {@code clasp.scene:save} and
 * {@code clasp.scene:recall} in a Gogo session of their own (the scene bundle exports no API), with the arguments
 * passed as session variables, never spliced into the command line. Called on the API's thread only.
 */
final class Scenes {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,63}");

    /** One saved scene. */
    record Saved(String name, String pattern, String saved, int params) { }

    private final Path folder;
    private final ObjectMapper json;

    Scenes(Path folder, ObjectMapper json) {
        this.folder = folder;
        this.json = json;
    }

    /** The scenes in the folder, by name; a file that cannot be read is skipped (the scene bundle logs it). */
    List<Saved> list() throws IOException {
        List<Saved> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) return out;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                JsonNode scenes;
                try {
                    scenes = json.readTree(file.toFile()).path("scenes");
                } catch (IOException unreadable) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = scenes.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> s = it.next();
                    out.add(new Saved(s.getKey(), s.getValue().path("pattern").asText(), s.getValue().path("saved").asText(),
                            s.getValue().path("params").size()));
                }
            }
        }
        return out;
    }

    /** {@code clasp.scene:save}: the command's answer; refused (400) when it saved nothing. */
    String save(CommandProcessor processor, String name, String pattern) throws ApiError {
        checkName(name);
        if (pattern == null || pattern.isBlank()) throw new ApiError(400, "a pattern is required, e.g. /lights/**");
        String answer = run(processor, "clasp.scene:save $name $pattern", Map.of("name", name, "pattern", pattern));
        if (!answer.startsWith("saved ")) throw new ApiError(400, answer);
        return answer;
    }

    /** {@code clasp.scene:recall} over {@code fadeMs}: the command's answer; refused (400) when nothing was recalled. */
    String recall(CommandProcessor processor, String name, long fadeMs) throws ApiError {
        checkName(name);
        String answer = run(processor, "clasp.scene:recall $name $fade", Map.of("name", name, "fade", fadeMs));
        if (!answer.startsWith("recalled ")) throw new ApiError(400, answer);
        return answer;
    }

    private static String run(CommandProcessor processor, String line, Map<String, Object> variables) throws ApiError {
        if (processor == null) throw new ApiError(503, "scenes need the shell (Gogo) and the clasp.scene bundle");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            variables.forEach(session::put);
            Object answer = session.execute(line);
            return answer == null ? out.toString(java.nio.charset.StandardCharsets.UTF_8).trim() : answer.toString().trim();
        } catch (IllegalArgumentException noSuchCommand) {
            throw new ApiError(503, "the scene commands are not there (is clasp.scene installed and started?): "
                    + noSuchCommand.getMessage());
        } catch (Exception failed) {
            throw new ApiError(500, "scene command failed: " + failed);
        }
    }

    private static void checkName(String name) throws ApiError {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiError(400, "invalid scene name '" + name + "': letters, digits, '_', '.', '-', at most 64");
        }
    }
}
