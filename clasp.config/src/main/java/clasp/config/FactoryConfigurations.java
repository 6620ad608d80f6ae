package clasp.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Named factory configurations {@code <factoryPid>~<name>} (location "?", so any bundle may use them), each also the
 * file {@code <etc>/<factoryPid>-<name>.cfg} and tied to it by {@value CfgFiles#FILENAME} as fileinstall ties the
 * files it loads: an instance created here survives a restart, and fileinstall's next scan finds nothing to change.
 * Callers check names, keys and values and say what they refuse in their own words; this class writes. Stateless
 * beside Config Admin; safe on any thread.
 */
public final class FactoryConfigurations {
    private final ConfigurationAdmin configAdmin;
    private final Path etc;

    /** @param etc the folder fileinstall watches, absolute */
    public FactoryConfigurations(ConfigurationAdmin configAdmin, Path etc) {
        this.configAdmin = configAdmin;
        this.etc = etc;
    }

    /** The folder fileinstall watches. */
    public Path etc() { return etc; }

    /** The file a new instance is written to: {@code <etc>/<factoryPid>-<name>.cfg}. */
    public Path file(String factoryPid, String name) {
        return CfgFiles.file(etc, factoryPid, name);
    }

    /**
     * An existing instance.
     *
     * @param configuration its configuration
     * @param file          the file it is tied to (or would be: {@link #file} when it has none)
     * @param properties    its properties without Config Admin's keys and {@value CfgFiles#FILENAME}; a copy that
     *                      {@link #update} writes back
     */
    public record Instance(Configuration configuration, Path file, Map<String, Object> properties) { }

    /** What a create or update stored: the PID, the file and the configuration's properties (with the file's key). */
    public record Written(String pid, Path file, Map<String, Object> properties) { }

    /** The instance {@code <factoryPid>~<name>}, when it has a configuration. */
    public Optional<Instance> instance(String factoryPid, String name) throws IOException {
        Optional<Configuration> configuration = find(factoryPid + "~" + name);
        if (configuration.isEmpty()) return Optional.empty();
        Map<String, Object> properties = properties(configuration.get().getProperties());
        Path file = Optional.ofNullable(CfgFiles.fromKey(properties.remove(CfgFiles.FILENAME)))
                .orElse(file(factoryPid, name));
        return Optional.of(new Instance(configuration.get(), file, properties));
    }

    /**
     * Writes {@link #file} with {@code properties}, then the configuration {@code <factoryPid>~<name>}; the caller has
     * made sure neither exists. The file comes first: a scan that loads it before the configuration is written
     * creates the same configuration, which the update then leaves as it is. A configuration that cannot be
     * written takes its file back.
     *
     * @param writer named in the file's "# written by" line
     */
    public Written create(String factoryPid, String name, Map<String, Object> properties, String writer) throws IOException {
        Path file = file(factoryPid, name);
        CfgFiles.write(file, List.of(), writer, properties);
        Configuration configuration = configAdmin.getFactoryConfiguration(factoryPid, name, "?");
        Map<String, Object> stored = new LinkedHashMap<>(properties);
        stored.put(CfgFiles.FILENAME, CfgFiles.key(file));
        try {
            configuration.updateIfDifferent(new Hashtable<>(stored));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Written(configuration.getPid(), file, stored);
    }

    /**
     * Writes the instance's (changed) properties to its file, keeping the file's leading comments, then to its
     * configuration.
     */
    public Written update(Instance instance, String writer) throws IOException {
        CfgFiles.write(instance.file(), CfgFiles.header(instance.file()), writer, instance.properties());
        Map<String, Object> stored = new LinkedHashMap<>(instance.properties());
        stored.put(CfgFiles.FILENAME, CfgFiles.key(instance.file()));
        instance.configuration().updateIfDifferent(new Hashtable<>(stored));
        return new Written(instance.configuration().getPid(), instance.file(), stored);
    }

    /**
     * Deletes the configuration {@code <factoryPid>~<name>} and its file. fileinstall deletes a file it loaded too
     * when it sees the configuration go; either may come first.
     *
     * @return the file, or empty when there was neither a configuration nor a file
     */
    public Optional<Path> delete(String factoryPid, String name) throws IOException {
        Optional<Configuration> configuration = find(factoryPid + "~" + name);
        Path file = configuration.map(c -> c.getProperties() == null ? null : CfgFiles.fromKey(c.getProperties().get(CfgFiles.FILENAME)))
                .orElse(file(factoryPid, name));
        if (configuration.isEmpty() && !Files.exists(file)) return Optional.empty();
        if (configuration.isPresent()) configuration.get().delete();
        Files.deleteIfExists(file);
        return Optional.of(file);
    }

    /** Every factory configuration whose factory PID starts with {@code prefix} (a constant such as "clasp.bridge."). */
    public List<Configuration> under(String prefix) throws IOException {
        Configuration[] all;
        try {
            all = configAdmin.listConfigurations("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + prefix + "*)");
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException("filter for " + prefix, impossible);
        }
        return all == null ? new ArrayList<>() : new ArrayList<>(List.of(all));
    }

    /** The configuration with this PID, if any; the PID's factory PID and name are checked by the caller. */
    public Optional<Configuration> find(String pid) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException("filter for " + pid, impossible);
        }
    }

    /** A configuration's properties without Config Admin's own keys, in a new map; empty for null. */
    public static Map<String, Object> properties(Dictionary<String, Object> dictionary) {
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
