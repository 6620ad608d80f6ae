package clasp.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import org.ops4j.pax.exam.Constants;
import org.ops4j.pax.exam.Option;

/**
 * The one place that names bundles for in-framework tests: exactly the runtime's bundles, taken from clasp.jar
 * with their start levels and run properties, plus the JUnit bundles Pax Exam needs and, for tests that ask,
 * Awaitility. (Bundles a test installs itself at run time are built by {@link TestBundles}.)
 */
final class Provisioning {
    private Provisioning() {
    }

    /** The folder of this module's test files (target/itest). */
    static Path workDir() {
        return Path.of(System.getProperty("clasp.itest.dir", "target/itest")).toAbsolutePath();
    }

    /** {@link #runtime} with {@code etc} holding only a default listener on a free loopback port. */
    static Option[] quietRuntime(Path etc) throws IOException {
        RuntimeProcess.quietListener(etc);
        return runtime(etc);
    }

    /** {@link #quietRuntime} after emptying {@code etc} of what an earlier run left there. */
    static Option[] freshQuietRuntime(Path etc) throws IOException {
        if (Files.exists(etc)) {
            try (java.util.stream.Stream<Path> files = Files.list(etc)) {
                for (Path f : (Iterable<Path>) files::iterator) Files.delete(f);
            }
        }
        return quietRuntime(etc);
    }

    /** The runtime, with {@code clasp.etc} (the folder fileinstall watches) moved to {@code etc}. */
    static Option[] runtime(Path etc) throws IOException {
        RuntimeJar runtime = RuntimeJar.fromSystemProperty();
        List<Option> options = new ArrayList<>();
        runtime.runProperties().forEach((key, value) -> options.add(frameworkProperty(key).value(value)));
        options.add(frameworkProperty("clasp.etc").value(etc.toString()));
        // The persistent store and the scenes live in <clasp.data>: every framework gets a folder of its own, empty
        // (Pax Exam may evaluate one class's configuration while another's framework still runs on its folder).
        Files.createDirectories(workDir());
        String data = Files.createTempDirectory(workDir(), "data-").toString();
        options.add(frameworkProperty("clasp.data").value(data));
        options.add(systemProperty("clasp.data").value(data));   // logback.xml's audit.log goes there too
        // Failsafe talks to its forked JVM over stdin: Gogo must never read it.
        options.add(frameworkProperty("clasp.headless").value("true"));

        List<Path> files = runtime.extractBundles(workDir().resolve("bundles"));
        for (int i = 0; i < files.size(); i++) {
            RuntimeJar.Bundle bundle = runtime.bundles().get(i);
            options.add(bundle(files.get(i).toUri().toString()).startLevel(testStartLevel(bundle)).start(!bundle.fragment()));
            if (bundle.symbolicName().equals("clasp.runtime")) {
                // Pax Exam's bundles log before clasp.runtime would apply its logback.xml: hand it to logback up front.
                Path logback = extract(files.get(i), "logback.xml", workDir().resolve("logback.xml"));
                options.add(systemProperty("logback.configurationFile").value(logback.toString()));
            }
        }
        options.add(junitBundles());
        options.add(frameworkStartLevel(Math.max(runtime.beginningStartLevel(), Constants.START_LEVEL_TEST_BUNDLE)));
        return options.toArray(Option[]::new);
    }

    /** {@code data} without the param store an earlier framework left in it (clasp.store.mvstore's folder). */
    static Path freshStore(Path data) throws IOException {
        Path store = data.resolve("store");
        if (Files.exists(store)) {
            try (java.util.stream.Stream<Path> files = Files.walk(store)) {
                for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(f);
            }
        }
        return data;
    }

    /**
     * Test-only bundles for probes that await: Awaitility and the Hamcrest 2 it imports, installed from the jars
     * on the test class path (both are bundles).
     */
    static Option[] awaitility() {
        // org.hamcrest.io exists in Hamcrest 2 only: JUnit 4 brings hamcrest-core 1.3 as well.
        return new Option[] {
            bundle(codeSource("org.hamcrest.io.FileMatchers")).startLevel(Constants.START_LEVEL_TEST_BUNDLE),
            bundle(codeSource("org.awaitility.Awaitility")).startLevel(Constants.START_LEVEL_TEST_BUNDLE),
        };
    }

    /** The test fixtures of clasp.test.peers (olad for the lighting bridges), installed from their jar as a bundle. */
    static Option testPeers() {
        return bundle(codeSource("clasp.test.peers.Olad")).startLevel(Constants.START_LEVEL_TEST_BUNDLE);
    }

    /** The {@code file:} URL of the jar on the class path that holds {@code className}. */
    private static String codeSource(String className) {
        try {
            return Class.forName(className, false, Provisioning.class.getClassLoader())
                    .getProtectionDomain().getCodeSource().getLocation().toString();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the test class path", e);
        }
    }

    private static Path extract(Path jar, String entry, Path target) throws IOException {
        try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry(entry))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /**
     * Pax Exam starts its own bundles at level 2, and they log through SLF4J: SLF4J must be bound to logback by
     * then. So the runtime's logging levels (1: SPI Fly and ASM, 2: SLF4J and logback) both become level 1 here,
     * where launch order (bundle id) still starts SPI Fly before felix.logback, the first bundle that logs.
     */
    private static int testStartLevel(RuntimeJar.Bundle bundle) {
        return bundle.startLevel() <= Constants.START_LEVEL_SYSTEM_BUNDLES ? 1 : bundle.startLevel();
    }
}
