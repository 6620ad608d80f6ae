package clasp.itest;

import static java.util.stream.Collectors.toMap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * The exported runtime (clasp.runtime's target/clasp.jar, path in the system property {@code clasp.jar}) as the
 * tests' single source of truth: bnd's launcher reads the bundle list, start levels and run properties from the
 * jar's launcher.properties, and so do the tests.
 */
final class RuntimeJar {
    /** One bundle embedded in clasp.jar. */
    record Bundle(String entry, String symbolicName, String version, boolean fragment, int startLevel) {
    }

    private final Path path;
    private final Properties launcher = new Properties();
    private final List<Bundle> bundles = new ArrayList<>();

    private RuntimeJar(Path path) throws IOException {
        this.path = path;
        try (JarFile jar = new JarFile(path.toFile())) {
            ZipEntry properties = jar.getEntry("launcher.properties");
            if (properties == null) {
                throw new IllegalStateException(path + " has no launcher.properties");
            }
            try (InputStream in = jar.getInputStream(properties)) {
                launcher.load(in);
            }
            Map<String, Integer> startLevels = startLevels(launcher.getProperty("launch.runbundles.attrs", ""));
            int defaultLevel = Integer.parseInt(launcher.getProperty("launch.startlevel.default", "1"));
            for (String entry : launcher.getProperty("launch.bundles", "").split(",")) {
                ZipEntry bundle = jar.getEntry(entry);
                if (bundle == null) {
                    throw new IllegalStateException(path + " lists " + entry + " in launch.bundles but does not contain it");
                }
                try (JarInputStream in = new JarInputStream(jar.getInputStream(bundle))) {
                    Manifest manifest = in.getManifest();
                    if (manifest == null) {
                        throw new IllegalStateException(entry + " in " + path + " has no manifest");
                    }
                    Attributes main = manifest.getMainAttributes();
                    String bsn = main.getValue("Bundle-SymbolicName").split(";")[0].trim();
                    String version = main.getValue("Bundle-Version");
                    bundles.add(new Bundle(entry, bsn, version, main.getValue("Fragment-Host") != null,
                            startLevels.getOrDefault(bsn, defaultLevel)));
                }
            }
        }
    }

    static RuntimeJar fromSystemProperty() throws IOException {
        String path = System.getProperty("clasp.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("System property clasp.jar must name the exported runtime, is " + path);
        }
        return new RuntimeJar(Path.of(path));
    }

    Path path() {
        return path;
    }

    List<Bundle> bundles() {
        return bundles;
    }

    /** The framework start level the launcher ends at. */
    int beginningStartLevel() {
        return Integer.parseInt(launcher.getProperty("org.osgi.framework.startlevel.beginning", "1"));
    }

    /** The bndrun's -runproperties: the launcher's properties that are not its own settings. */
    Map<String, String> runProperties() {
        return launcher.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("launch.") && !key.equals("org.osgi.framework.startlevel.beginning"))
                .collect(toMap(key -> key, launcher::getProperty));
    }

    /** Copies the embedded bundle jars into a folder; returns their files in launch order. */
    List<Path> extractBundles(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        try (JarFile jar = new JarFile(path.toFile())) {
            for (Bundle bundle : bundles) {
                Path file = folder.resolve(Path.of(bundle.entry()).getFileName());
                try (InputStream in = jar.getInputStream(jar.getEntry(bundle.entry()))) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                files.add(file);
            }
        }
        return files;
    }

    /** Parses {@code bsn;version="1.0";startlevel=2,...} (bnd's launch.runbundles.attrs). */
    private static Map<String, Integer> startLevels(String attrs) {
        Map<String, Integer> levels = new HashMap<>();
        for (String clause : attrs.split(",")) {
            String[] parts = clause.split(";");
            Arrays.stream(parts).skip(1)
                    .map(String::trim)
                    .filter(part -> part.startsWith("startlevel="))
                    .forEach(part -> levels.put(parts[0].trim(), Integer.parseInt(part.substring("startlevel=".length()))));
        }
        return levels;
    }
}
