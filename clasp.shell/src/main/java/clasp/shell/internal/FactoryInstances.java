package clasp.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import clasp.config.CfgFiles;
import clasp.config.FactoryConfigurations;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Creates, updates and deletes instances of transports or bridges: named factory configurations
 * ({@code <factoryPid>~<name>}, Config Admin 1.6, location "?" so that any bundle may bind) that are also
 * files in the configuration folder ({@code <factoryPid>-<name>.cfg}), tied to their configuration by
 * {@value CfgFiles#FILENAME} as fileinstall ties the files it loads. So an instance created from the
 * shell survives a restart, and editing or deleting its file changes or removes it, as for any file there.
 * The writing is {@link FactoryConfigurations}' (shared with the web dashboard); the words and messages are the shell's.
 */
public final class FactoryInstances {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

    private final FactoryConfigurations configurations;
    private final Supplier<List<FactoryType>> types;
    private final String prefix;
    private final String idProperty;
    private final String scope;
    private final String noun;

    /**
     * @param types      the factory PIDs MetaType describes now
     * @param etc        the configuration folder fileinstall watches
     * @param prefix     how a type without a dot becomes a factory PID, e.g. "clasp.bridge."
     * @param idProperty the instance id property set to the name unless given, e.g. "clasp.bridge.id"
     * @param scope      the command scope, for messages and the file comment, e.g. "clasp.bridge"
     * @param noun       what a type is called in messages, e.g. "bridge type"
     */
    public FactoryInstances(ConfigurationAdmin configAdmin, Supplier<List<FactoryType>> types, Path etc, String prefix,
                            String idProperty, String scope, String noun) {
        this.configurations = new FactoryConfigurations(configAdmin, etc);
        this.types = types;
        this.prefix = prefix;
        this.idProperty = idProperty;
        this.scope = scope;
        this.noun = noun;
    }

    /** The instance id property, e.g. "clasp.bridge.id". */
    public String idProperty() { return idProperty; }

    /** The command scope, e.g. "clasp.bridge". */
    public String scope() { return scope; }

    /** What a create writes: the configuration's PID, its file and its properties. */
    public record Plan(String factoryPid, String name, String pid, Path file, Map<String, Object> properties) { }

    /** A type without a dot is {@code prefix + type}; a type with a dot is the factory PID itself. */
    public String factoryPid(String type) {
        return type.indexOf('.') >= 0 ? type : prefix + type;
    }

    /** Checks and converts a create's arguments; needs MetaType, not Config Admin. */
    public Plan plan(String type, String name, List<String> words) throws UserError {
        String factoryPid = checkedFactoryPid(type);
        checkName(name);
        FactoryType described = types.get().stream().filter(t -> t.factoryPid().equals(factoryPid)).findFirst()
                .orElseThrow(() -> new UserError("unknown " + noun + " '" + type + "' (factory PID " + factoryPid
                        + "); known: " + known()));
        Map<String, String> assignments = Assignments.parse(words);
        checkKeys(described, assignments.keySet());
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, String> a : assignments.entrySet()) {
            if (a.getValue() == null) continue; // key= on create: the default applies anyway
            FactoryType.Attribute attribute = described.attribute(a.getKey()).orElse(null);
            properties.put(a.getKey(), Assignments.convert(a.getKey(), a.getValue(), attribute, null));
        }
        properties.putIfAbsent(idProperty, name);
        return new Plan(factoryPid, name, factoryPid + "~" + name, configurations.file(factoryPid, name), properties);
    }

    /**
     * Refuses keys that the type's MetaType does not describe (beside the id property): a misspelt key would
     * otherwise be stored, ignored by the component, and leave the default in force without a word.
     */
    private void checkKeys(FactoryType type, java.util.Collection<String> keys) throws UserError {
        List<String> unknown = keys.stream().filter(k -> !k.equals(idProperty) && type.attribute(k).isEmpty()).toList();
        if (unknown.isEmpty()) return;
        throw new UserError(keys(unknown) + " for " + type.factoryPid() + ": nothing changed; valid keys: "
                + String.join(", ", validKeys(type)));
    }

    /** The keys create and update accept for {@code type}: the id property, then its attributes. */
    List<String> validKeys(FactoryType type) {
        List<String> keys = new java.util.ArrayList<>();
        keys.add(idProperty);
        type.attributes().stream().map(FactoryType.Attribute::id).filter(id -> !id.equals(idProperty)).forEach(keys::add);
        return keys;
    }

    private static String keys(List<String> unknown) {
        return (unknown.size() == 1 ? "unknown key " : "unknown keys ")
                + unknown.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
    }

    /** The known types of this kind, short names where they have the prefix. */
    String known() {
        String list = types.get().stream().map(FactoryType::factoryPid).filter(p -> p.startsWith(prefix)).sorted()
                .map(p -> p.substring(prefix.length())).collect(Collectors.joining(", "));
        return list.isEmpty() ? "none installed" : list;
    }

    public InstanceChange create(String type, String name, List<String> words) throws UserError, IOException {
        Plan plan = plan(type, name, words);
        if (configurations.find(plan.pid()).isPresent()) {
            throw new UserError(plan.pid() + " already exists; change it with " + scope + ":update " + type + " " + name
                    + " key=value ...");
        }
        if (Files.exists(plan.file())) {
            throw new UserError(plan.file() + " already exists (fileinstall loads it); edit or delete that file");
        }
        FactoryConfigurations.Written written = configurations.create(plan.factoryPid(), plan.name(), plan.properties(),
                scope + ":create");
        return new InstanceChange("created", written.pid(), written.file().toString(), written.properties(),
                secrets(described(plan.factoryPid())));
    }

    public InstanceChange update(String type, String name, List<String> words) throws UserError, IOException {
        String factoryPid = checkedFactoryPid(type);
        checkName(name);
        String pid = factoryPid + "~" + name;
        if (words.isEmpty()) throw new UserError("nothing to update: give key=value ... (key= removes a key)");
        Map<String, String> assignments = Assignments.parse(words);
        FactoryConfigurations.Instance instance = configurations.instance(factoryPid, name).orElseThrow(() -> new UserError(
                "no instance " + pid + "; create it with " + scope + ":create " + type + " " + name + " [key=value ...]"));
        Optional<FactoryType> described = types.get().stream().filter(t -> t.factoryPid().equals(factoryPid)).findFirst();

        Map<String, Object> properties = instance.properties();
        // key= may remove any key (a stray one in a hand-written file too); only keys given a value are checked
        List<String> setting = assignments.entrySet().stream().filter(a -> a.getValue() != null).map(Map.Entry::getKey).toList();
        if (described.isPresent()) {
            checkKeys(described.get(), setting);
        } else {
            List<String> unknown = setting.stream().filter(k -> !properties.containsKey(k)).toList();
            if (!unknown.isEmpty()) {
                throw new UserError(keys(unknown) + ": no MetaType describes " + factoryPid + " (is its bundle installed "
                        + "and started?), so only keys the instance has can be changed; nothing changed");
            }
        }
        for (Map.Entry<String, String> a : assignments.entrySet()) {
            if (a.getValue() == null) {
                properties.remove(a.getKey());
                continue;
            }
            FactoryType.Attribute attribute = described.flatMap(t -> t.attribute(a.getKey())).orElse(null);
            properties.put(a.getKey(), Assignments.convert(a.getKey(), a.getValue(), attribute, properties.get(a.getKey())));
        }
        FactoryConfigurations.Written written = configurations.update(instance, scope + ":update");
        return new InstanceChange("updated", pid, written.file().toString(), written.properties(), secrets(described));
    }

    public InstanceChange delete(String type, String name) throws UserError, IOException {
        String factoryPid = checkedFactoryPid(type);
        checkName(name);
        String pid = factoryPid + "~" + name;
        Path file = configurations.delete(factoryPid, name).orElseThrow(() -> new UserError("no instance " + pid));
        return new InstanceChange("deleted", pid, file.toString(), Map.of());
    }

    private Optional<FactoryType> described(String factoryPid) {
        return types.get().stream().filter(t -> t.factoryPid().equals(factoryPid)).findFirst();
    }

    /** The keys MetaType describes as PASSWORD: their values are never shown. */
    private static java.util.Set<String> secrets(Optional<FactoryType> type) {
        return type.map(t -> t.attributes().stream().filter(a -> a.type() == org.osgi.service.metatype.AttributeDefinition.PASSWORD)
                .map(FactoryType.Attribute::id).collect(Collectors.toSet())).orElse(java.util.Set.of());
    }

    /** One configured instance: its id (the id property, else the configuration's name), factory PID and PID. */
    public record Configured(String id, String factoryPid, String pid) { }

    /** Every factory configuration under this prefix (for example every {@code clasp.bridge.*~name}). */
    public List<Configured> configured() throws IOException {
        List<Configured> out = new java.util.ArrayList<>();
        for (Configuration c : configurations.under(prefix)) {
            Object id = c.getProperties() == null ? null : c.getProperties().get(idProperty);
            String pid = c.getPid();
            String name = pid.substring(pid.lastIndexOf('~') + 1);
            out.add(new Configured(id == null || id.toString().isBlank() ? name : id.toString(), c.getFactoryPid(), pid));
        }
        return out;
    }

    /** The short type of a factory PID under this prefix ("websocket" for clasp.transport.websocket). */
    public String type(String factoryPid) {
        return factoryPid.startsWith(prefix) ? factoryPid.substring(prefix.length()) : factoryPid;
    }

    private String checkedFactoryPid(String type) throws UserError {
        String factoryPid = factoryPid(type);
        if (factoryPid.indexOf('-') >= 0 || factoryPid.indexOf('~') >= 0 || !NAME.matcher(factoryPid).matches()) {
            throw new UserError("invalid " + noun + " '" + type + "': a factory PID is dotted words without '-' or '~'");
        }
        return factoryPid;
    }

    private static void checkName(String name) throws UserError {
        if (!NAME.matcher(name).matches()) {
            throw new UserError("invalid name '" + name + "': use letters, digits, '_', '.', '-' (not first)");
        }
    }
}
