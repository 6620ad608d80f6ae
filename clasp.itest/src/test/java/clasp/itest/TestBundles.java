package clasp.itest;

import clasp.api.bridge.Bridge;
import clasp.itest.bridge.EchoBridge;
import clasp.itest.bridge.v1.EchoBridgeV1;
import clasp.itest.bridge.v2.EchoBridgeV2;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ops4j.pax.tinybundles.TinyBundles;

/**
 * The bundles HotSwapIT installs at run time, built with Pax TinyBundles and bnd from the compiled test classes:
 * two builds of the echo bridge, each a DS component whose XML bnd generates from its annotations. Built in the
 * test driver (from {@code @Configuration}); the probe only reads the files.
 */
final class TestBundles {
    static final String ECHO_BSN = "clasp.itest.echo";

    private TestBundles() {
    }

    static Path echo(int build) {
        return Provisioning.workDir().resolve("hotswap").resolve(ECHO_BSN + "-" + build + ".0.0.jar");
    }

    /** Writes {@link #echo}(1) and {@link #echo}(2). Driver side only: TinyBundles and bnd are not in the framework. */
    static void buildEcho() throws IOException {
        write(echo(1), "1.0.0", EchoBridgeV1.class);
        write(echo(2), "2.0.0", EchoBridgeV2.class);
    }

    private static void write(Path file, String version, Class<? extends EchoBridge> component) throws IOException {
        Files.createDirectories(file.getParent());
        try (InputStream in = TinyBundles.bundle()
                .symbolicName(ECHO_BSN)
                .setHeader("Bundle-Version", version)
                .setHeader("Bundle-Name", "CLASP test echo bridge, build " + version)
                .addClass(EchoBridge.class)
                .addClass(component)
                // bnd reads clasp.api from here to see that @ClaspBridge is a component property type
                .setHeader("-classpath", apiJar().toString())
                .setHeader("-removeheaders", "-*,Pax-TinyBundles")
                .build(TinyBundles.bndBuilder())) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** clasp.api's jar (or classes folder) on the driver's class path. */
    private static Path apiJar() {
        try {
            return Path.of(Bridge.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
