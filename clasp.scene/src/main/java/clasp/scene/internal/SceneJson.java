package clasp.scene.internal;

import clasp.api.Address;
import clasp.api.Value;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scene file format, for export, import and the files of the data folder alike:
 * <pre>
 * {
 *   "scenes": {
 *     "intro": {
 *       "pattern": "/lights/**",
 *       "saved": "2026-12-07T18:20:00.123Z",
 *       "params": {
 *         "/lights/1/level": 0.75,
 *         "/lights/1/name": "front"
 *       }
 *     }
 *   }
 * }
 * </pre>
 * Scenes sorted by name and params by address, two-space indent, {@code \n} line ends: the same scenes give the same
 * bytes. Values as {@link ValueJson}. Reading is strict (duplicate keys, unknown keys, trailing text are refused) and
 * says where the problem is.
 */
final class SceneJson {
    private static final Set<String> SCENE_KEYS = Set.of("pattern", "saved", "params");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectWriter WRITER = MAPPER.writer(printer());

    private SceneJson() { }

    private static DefaultPrettyPrinter printer() {
        DefaultPrettyPrinter p = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator(""));
        p.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        p.indentArraysWith(DefaultPrettyPrinter.NopIndenter.instance);
        return p;
    }

    /** {@code scenes} as the text of one file, ending with a line break. */
    static String write(Collection<Scene> scenes) {
        ObjectNode byName = NODES.objectNode();
        scenes.stream().sorted(Comparator.comparing(Scene::name)).forEach(s -> byName.set(s.name(), scene(s)));
        ObjectNode root = NODES.objectNode();
        root.set("scenes", byName);
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree not writable", e);   // a tree of plain nodes always is
        }
    }

    private static ObjectNode scene(Scene s) {
        ObjectNode o = NODES.objectNode();
        o.put("pattern", s.pattern());
        o.put("saved", s.saved().toString());
        ObjectNode params = o.putObject("params");
        s.params().forEach((address, value) -> params.set(address, ValueJson.write(value)));
        return o;
    }

    /** The scenes {@code text} holds, sorted by name; nothing when anything in it is wrong. */
    static List<Scene> read(String text) throws SceneFormatException {
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(text)) {
            root = MAPPER.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw new SceneFormatException(at(parser.currentTokenLocation()) + "more text after the end of the file's object");
            }
        } catch (JsonProcessingException e) {
            throw new SceneFormatException(at(e.getLocation()) + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading a string failed", e);   // a string reader does not fail
        }
        if (root == null || root.isMissingNode()) throw new SceneFormatException("the file is empty");
        if (!root.isObject() || root.size() != 1 || !root.has("scenes")) {
            throw new SceneFormatException("the file must hold one object with the one key \"scenes\"");
        }
        JsonNode byName = root.get("scenes");
        if (!byName.isObject()) throw new SceneFormatException("\"scenes\" must be an object of scenes by name");
        List<Scene> scenes = new ArrayList<>(byName.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = byName.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            scenes.add(scene(e.getKey(), e.getValue()));
        }
        scenes.sort(Comparator.comparing(Scene::name));
        return scenes;
    }

    private static String at(com.fasterxml.jackson.core.JsonLocation location) {
        return location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    private static Scene scene(String name, JsonNode node) throws SceneFormatException {
        String problem = SceneName.problem(name);
        if (problem != null) throw new SceneFormatException("scenes: " + problem);
        String where = "scene \"" + name + "\"";
        if (!node.isObject()) throw new SceneFormatException(where + ": must be an object");
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!SCENE_KEYS.contains(key)) {
                throw new SceneFormatException(where + ": unknown key \"" + key + "\" (a scene has pattern, saved and params)");
            }
        }
        String pattern = text(node, "pattern", where);
        String patternProblem = Address.problem(pattern);
        if (patternProblem != null) throw new SceneFormatException(where + ", pattern: " + patternProblem);
        Instant saved;
        try {
            saved = Instant.parse(text(node, "saved", where));
        } catch (DateTimeParseException e) {
            throw new SceneFormatException(where + ", saved: not an ISO-8601 UTC time such as 2026-12-07T18:20:00.123Z");
        }
        JsonNode params = node.get("params");
        if (params == null || !params.isObject()) throw new SceneFormatException(where + ": params must be an object of values by address");
        TreeMap<String, Value> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String address = e.getKey();
            String addressProblem = Address.problem(address);
            if (addressProblem != null) throw new SceneFormatException(where + ", params: " + addressProblem);
            values.put(address, ValueJson.read(e.getValue(), where + ", param " + address));
        }
        return new Scene(name, pattern, saved, values);
    }

    private static String text(JsonNode scene, String key, String where) throws SceneFormatException {
        JsonNode v = scene.get(key);
        if (v == null || !v.isTextual()) throw new SceneFormatException(where + ": " + key + " must be a string");
        return v.textValue();
    }
}
