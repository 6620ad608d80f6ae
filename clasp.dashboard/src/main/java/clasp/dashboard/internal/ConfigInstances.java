package clasp.dashboard.internal;

import clasp.config.CfgFiles;
import clasp.config.FactoryConfigurations;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Transport or bridge instances as the shell keeps them: a named factory configuration {@code <factoryPid>~<name>}
 * (location "?") that is also the file {@code <etc>/<factoryPid>-<name>.cfg}, tied to it by {@value CfgFiles#FILENAME}
 * as fileinstall ties the files it loads; so an instance created here survives a restart and the shell sees it like
 * its own. Values are converted by the type's MetaType; keys it does not describe are refused. The writing is
 * {@link FactoryConfigurations}' (shared with the shell); the form handling and the API's answers are this class's.
 * Called on the API's thread only.
 */
final class ConfigInstances {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

    /** One kind of instance: "bridge" (factory PIDs clasp.bridge.*) or "transport" (clasp.transport.*). */
    enum Kind {
        BRIDGE("clasp.bridge.", "clasp.bridge.id"), TRANSPORT("clasp.transport.", "clasp.transport.id");

        final String prefix;
        final String idProperty;

        Kind(String prefix, String idProperty) {
            this.prefix = prefix;
            this.idProperty = idProperty;
        }
    }

    /** One configured instance: its type (factory PID without the prefix), name, PID and properties (secrets hidden). */
    record Configured(String type, String name, String pid, String factoryPid, Map<String, Object> properties) { }

    private final FactoryConfigurations configurations;
    private final Kind kind;
    private final Supplier<List<FactoryTypes.Type>> types;

    ConfigInstances(ConfigurationAdmin configAdmin, Kind kind, Supplier<List<FactoryTypes.Type>> types, Path etc) {
        this.configurations = new FactoryConfigurations(configAdmin, etc);
        this.kind = kind;
        this.types = types;
    }

    List<FactoryTypes.Type> types() { return types.get(); }

    /** Creates {@code <type>~<name>}; fields left empty keep their defaults. @return the new PID */
    String create(String type, String name, JsonNode fields) throws ApiError, IOException {
        FactoryTypes.Type described = described(type);
        checkName(name);
        String pid = described.factoryPid() + "~" + name;
        if (configurations.find(pid).isPresent()) throw new ApiError(409, pid + " already exists");
        Path file = configurations.file(described.factoryPid(), name);
        if (Files.exists(file)) throw new ApiError(409, file + " already exists (fileinstall loads it)");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : entries(fields)) {
            if (FormValues.empty(f.getValue())) continue;
            properties.put(f.getKey(), FormValues.convert(attribute(described, f.getKey()), f.getValue()));
        }
        properties.putIfAbsent(kind.idProperty, name);
        return configurations.create(described.factoryPid(), name, properties, WRITER).pid();
    }

    /** Sets the fields given with a value, removes those given empty (their defaults apply again). */
    void update(String type, String name, JsonNode fields) throws ApiError, IOException {
        FactoryTypes.Type described = described(type);
        checkName(name);
        String pid = described.factoryPid() + "~" + name;
        FactoryConfigurations.Instance instance = configurations.instance(described.factoryPid(), name)
                .orElseThrow(() -> new ApiError(404, "no instance " + pid));
        Map<String, Object> properties = instance.properties();
        for (Map.Entry<String, JsonNode> f : entries(fields)) {
            FactoryTypes.Attribute attribute = attribute(described, f.getKey());
            if (FormValues.empty(f.getValue())) properties.remove(f.getKey());
            else if (attribute.type() != AttributeDefinition.PASSWORD || !f.getValue().asText().equals(HIDDEN)) {
                properties.put(f.getKey(), FormValues.convert(attribute, f.getValue()));
            }
        }
        configurations.update(instance, WRITER);
    }

    /** Deletes the configuration and its file. */
    void delete(String type, String name) throws ApiError, IOException {
        String factoryPid = factoryPid(type);
        checkName(name);
        if (configurations.delete(factoryPid, name).isEmpty()) throw new ApiError(404, "no instance " + factoryPid + "~" + name);
    }

    /** What a PASSWORD attribute's value is shown as; an update that sends it back leaves the value as it is. */
    static final String HIDDEN = "********";
    /** Named in the "# written by" line of the files the dashboard writes. */
    private static final String WRITER = "the dashboard";

    /** Every factory configuration of this kind, sorted by PID. */
    List<Configured> configured() throws IOException {
        List<FactoryTypes.Type> described = types.get();
        List<Configured> out = new ArrayList<>();
        for (Configuration c : configurations.under(kind.prefix)) {
            Map<String, Object> properties = FactoryConfigurations.properties(c.getProperties());
            properties.remove(CfgFiles.FILENAME);
            described.stream().filter(t -> t.factoryPid().equals(c.getFactoryPid())).findFirst().ifPresent(t ->
                    t.attributes().stream().filter(a -> a.type() == AttributeDefinition.PASSWORD)
                            .forEach(a -> properties.computeIfPresent(a.id(), (k, v) -> HIDDEN)));
            String pid = c.getPid();
            out.add(new Configured(type(c.getFactoryPid()), pid.substring(pid.lastIndexOf('~') + 1), pid, c.getFactoryPid(),
                    properties));
        }
        out.sort(java.util.Comparator.comparing(Configured::pid));
        return out;
    }

    private String type(String factoryPid) {
        return factoryPid.startsWith(kind.prefix) ? factoryPid.substring(kind.prefix.length()) : factoryPid;
    }

    private String factoryPid(String type) throws ApiError {
        if (!NAME.matcher(type).matches() || type.contains("~") || type.contains("-")) {
            throw new ApiError(400, "invalid type '" + type + "'");
        }
        return type.startsWith(kind.prefix) ? type : kind.prefix + type;
    }

    private FactoryTypes.Type described(String type) throws ApiError {
        String factoryPid = factoryPid(type);
        return types.get().stream().filter(t -> t.factoryPid().equals(factoryPid)).findFirst()
                .orElseThrow(() -> new ApiError(404, "no MetaType describes " + factoryPid + " (is its bundle installed?)"));
    }

    private FactoryTypes.Attribute attribute(FactoryTypes.Type type, String key) throws ApiError {
        if (CfgFiles.RESERVED.contains(key)) throw new ApiError(400, key + " is set by Config Admin or fileinstall");
        return type.attribute(key).orElseThrow(() -> new ApiError(400, "unknown key '" + key + "' for "
                + type.factoryPid() + ": nothing changed"));
    }

    private static void checkName(String name) throws ApiError {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiError(400, "invalid name '" + name + "': use letters, digits, '_', '.', '-' (not first)");
        }
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode fields) throws ApiError {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (fields == null || fields.isNull()) return out;
        if (!fields.isObject()) throw new ApiError(400, "properties must be a JSON object");
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) out.add(it.next());
        return out;
    }
}
