package clasp.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript client in the bundle ({@code ui/vendor/}) is the one package-lock.json pins, byte for byte: every
 * vendored file equals its copy under node_modules (after {@code npm ci}), and every ES module of @msgpack/msgpack is
 * there, so an upgrade of the lock file cannot leave the dashboard on another client without a failing test.
 */
class VendoredClientTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path VENDOR = Path.of("src/main/resources/ui/vendor");
    private static final Path NODE_MODULES = REPOSITORY.resolve("node_modules");

    @Test
    void theClientIsTheLockedVersionByteForByte() throws IOException {
        assumeTrue(Files.isDirectory(NODE_MODULES.resolve("@clasp-to/core")), "npm ci has not run");
        Path core = NODE_MODULES.resolve("@clasp-to/core");
        assertSame(VENDOR.resolve("clasp-core/index.mjs"), core.resolve("dist/index.mjs"));
        assertSame(VENDOR.resolve("clasp-core/package.json"), core.resolve("package.json"));
        assertThat(version(VENDOR.resolve("clasp-core/package.json"))).isEqualTo("3.3.2")
                .isEqualTo(locked("node_modules/@clasp-to/core"));
    }

    @Test
    void msgpackIsTheLockedVersionWithEveryModule() throws IOException {
        assumeTrue(Files.isDirectory(NODE_MODULES.resolve("@msgpack/msgpack")), "npm ci has not run");
        Path msgpack = NODE_MODULES.resolve("@msgpack/msgpack");
        Path esm = msgpack.resolve("dist.esm");
        List<Path> modules;
        try (Stream<Path> files = Files.walk(esm)) {
            modules = files.filter(f -> f.toString().endsWith(".mjs")).map(esm::relativize).sorted().toList();
        }
        assertThat(modules).contains(Path.of("index.mjs"), Path.of("utils/utf8.mjs"));
        for (Path module : modules) assertSame(VENDOR.resolve("msgpack").resolve(module), esm.resolve(module));
        try (Stream<Path> files = Files.walk(VENDOR.resolve("msgpack"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".mjs")).count()).isEqualTo(modules.size());
        }
        assertSame(VENDOR.resolve("msgpack/LICENSE"), msgpack.resolve("LICENSE"));
        assertSame(VENDOR.resolve("msgpack/package.json"), msgpack.resolve("package.json"));
        assertThat(version(VENDOR.resolve("msgpack/package.json"))).isEqualTo(locked("node_modules/@msgpack/msgpack"));
    }

    @Test
    void eachVendoredPackageCarriesItsLicence() {
        assertThat(VENDOR.resolve("clasp-core/LICENSE")).content().contains("MIT", "@clasp-to/core 3.3.2");
        assertThat(VENDOR.resolve("msgpack/LICENSE")).content().contains("The MessagePack Community");
    }

    @Test
    void thePageLoadsTheVendoredModulesThroughItsImportMap() {
        assertThat(Path.of("src/main/resources/ui/index.html")).content()
                .contains("\"@clasp-to/core\": \"./vendor/clasp-core/index.mjs\"",
                        "\"@msgpack/msgpack\": \"./vendor/msgpack/index.mjs\"")
                .doesNotContain("https://", "http://");
    }

    private static void assertSame(Path vendored, Path original) throws IOException {
        assertThat(Files.readAllBytes(vendored)).as("%s equals %s", vendored, original).isEqualTo(Files.readAllBytes(original));
    }

    private static String version(Path packageJson) throws IOException {
        return new ObjectMapper().readTree(packageJson.toFile()).path("version").asText();
    }

    private static String locked(String path) throws IOException {
        return new ObjectMapper().readTree(REPOSITORY.resolve("package-lock.json").toFile()).path("packages").path(path)
                .path("version").asText();
    }
}
