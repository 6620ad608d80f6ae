package clasp.dashboard.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Transport or bridge instances as the shell keeps them: a named factory configuration {@code <factoryPid>~<name>}
 * (location "?") that is also the file {@code <etc>/<factoryPid>-<name>.cfg}, tied to it by {@value CfgFile#FILENAME}
 * as fileinstall ties the files it loads; so an instance created here survives a restart and the shell sees it like
 * its own. Values are converted by the type's MetaType; keys it does not describe are refused. Called on the API's
 * thread only.
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

    private final ConfigurationAdmin configAdmin;
    private final Kind kind;
    private final Supplier<List<FactoryTypes.Type>> types;
    private final Path etc;

    ConfigInstances(ConfigurationAdmin configAdmin, Kind kind, Supplier<List<FactoryTypes.Type>> types, Path etc) {
        this.configAdmin = configAdmin;
        this.kind = kind;
        this.types = types;
        this.etc = etc;
    }

    List<FactoryTypes.Type> types() { return types.get(); }

    /** Creates {@code <type>~<name>}; fields left empty keep their defaults. @return the new PID */
    String create(String type, String name, JsonNode fields) throws ApiError, IOException {
        FactoryTypes.Type described = described(type);
        checkName(name);
        String pid = described.factoryPid() + "~" + name;
        if (find(pid).isPresent()) throw new ApiError(409, pid + " already exists");
        Path file = CfgFile.of(etc, described.factoryPid(), name);
        if (Files.exists(file)) throw new ApiError(409, file + " already exists (fileinstall loads it)");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : entries(fields)) {
            if (FormValues.empty(f.getValue())) continue;
            properties.put(f.getKey(), FormValues.convert(attribute(described, f.getKey()), f.getValue()));
        }
        properties.putIfAbsent(kind.idProperty, name);
        CfgFile.write(file, properties);
        // The file first: a scan that loads it before the update below makes the same configuration, which the
        // update then leaves as it is.
        Configuration configuration = configAdmin.getFactoryConfiguration(described.factoryPid(), name, "?");
        properties.put(CfgFile.FILENAME, CfgFile.key(file));
        try {
            configuration.updateIfDifferent(new Hashtable<>(properties));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return configuration.getPid();
    }

    /** Sets the fields given with a value, removes those given empty (their defaults apply again). */
    void update(String type, String name, JsonNode fields) throws ApiError, IOException {
        FactoryTypes.Type described = described(type);
        checkName(name);
        String pid = described.factoryPid() + "~" + name;
        Configuration configuration = find(pid).orElseThrow(() -> new ApiError(404, "no instance " + pid));
        Map<String, Object> properties = properties(configuration.getProperties());
        Path file = Optional.ofNullable(CfgFile.fromKey(properties.remove(CfgFile.FILENAME)))
                .orElse(CfgFile.of(etc, described.factoryPid(), name));
        for (Map.Entry<String, JsonNode> f : entries(fields)) {
            FactoryTypes.Attribute attribute = attribute(described, f.getKey());
            if (FormValues.empty(f.getValue())) properties.remove(f.getKey());
            else if (attribute.type() != AttributeDefinition.PASSWORD || !f.getValue().asText().equals(HIDDEN)) {
                properties.put(f.getKey(), FormValues.convert(attribute, f.getValue()));
            }
        }
        CfgFile.write(file, properties);
        properties.put(CfgFile.FILENAME, CfgFile.key(file));
        configuration.updateIfDifferent(new Hashtable<>(properties));
    }

    /** Deletes the configuration and its file. */
    void delete(String type, String name) throws ApiError, IOException {
        String factoryPid = factoryPid(type);
        checkName(name);
        String pid = factoryPid + "~" + name;
        Optional<Configuration> configuration = find(pid);
        Path file = configuration.map(c -> c.getProperties() == null ? null : CfgFile.fromKey(c.getProperties().get(CfgFile.FILENAME)))
                .orElse(CfgFile.of(etc, factoryPid, name));
        if (configuration.isEmpty() && !Files.exists(file)) throw new ApiError(404, "no instance " + pid);
        if (configuration.isPresent()) configuration.get().delete();
        Files.deleteIfExists(file); // fileinstall deletes it too when it sees the configuration go; either may be first
    }

    /** What a PASSWORD attribute's value is shown as; an update that sends it back leaves the value as it is. */
    static final String HIDDEN = "********";

    /** Every factory configuration of this kind, sorted by PID. */
    List<Configured> configured() throws IOException {
        Configuration[] all;
        try {
            all = configAdmin.listConfigurations("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + kind.prefix + "*)");
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        List<FactoryTypes.Type> described = types.get();
        List<Configured> out = new ArrayList<>();
        for (Configuration c : all == null ? new Configuration[0] : all) {
            Map<String, Object> properties = properties(c.getProperties());
            properties.remove(CfgFile.FILENAME);
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
        if (CfgFile.RESERVED.contains(key)) throw new ApiError(400, key + " is set by Config Admin or fileinstall");
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

    private Optional<Configuration> find(String pid) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException("filter for " + pid, impossible); // names and types are checked
        }
    }

    /** The configuration's properties without Config Admin's own keys. */
    private static Map<String, Object> properties(Dictionary<String, Object> dictionary) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (dictionary == null) return out;
        for (Enumeration<String> keys = dictionary.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (key.equals(Constants.SERVICE_PID) || key.equals(ConfigurationAdmin.SERVICE_FACTORYPID)
                    || key.equals(ConfigurationAdmin.SERVICE_BUNDLELOCATION)) continue;
            out.put(key, dictionary.get(key));
        }
        return out;
    }
}
