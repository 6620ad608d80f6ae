package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;

/** Boots Felix with exactly the runtime's bundles (see {@link Provisioning}) and checks they all work together. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeBundlesIT {
    private static final String PROBE_PID = "clasp.itest.probe";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() throws IOException {
        Path etc = etc();
        Files.createDirectories(etc);
        Files.writeString(etc.resolve(PROBE_PID + ".cfg"), "origin = clasp.etc\n");
        return Provisioning.quietRuntime(etc);
    }

    private static Path etc() {
        return Provisioning.workDir().resolve("etc");
    }

    @Test
    public void everyRuntimeBundleIsInstalled() throws IOException {
        for (RuntimeJar.Bundle expected : RuntimeJar.fromSystemProperty().bundles()) {
            boolean installed = Arrays.stream(context.getBundles()).anyMatch(b -> expected.symbolicName().equals(b.getSymbolicName())
                    && Version.parseVersion(expected.version()).equals(b.getVersion()));
            assertTrue(expected.entry() + " (" + expected.symbolicName() + " " + expected.version() + ") is not installed", installed);
        }
    }

    @Test
    public void everyBundleIsActiveAndEveryFragmentResolved() {
        List<String> notWorking = Arrays.stream(context.getBundles())
                .filter(b -> b.getState() != (isFragment(b) ? Bundle.RESOLVED : Bundle.ACTIVE))
                .map(b -> b.getSymbolicName() + " state " + b.getState())
                .collect(Collectors.toList());
        assertEquals("bundles not active (fragments: not resolved)", List.of(), notWorking);
    }

    @Test
    public void slf4jIsBoundToLogback() throws Exception {
        Bundle slf4j = bundle("slf4j.api");
        Object factory = slf4j.loadClass("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
        assertEquals("ch.qos.logback.classic.LoggerContext", factory.getClass().getName());
    }

    @Test
    public void protocolExportsItsPackageAtVersion120() {
        Bundle protocol = bundle("clasp.protocol");
        BundleCapability export = protocol.adapt(BundleWiring.class).getCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .filter(c -> "clasp.protocol".equals(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)))
                .findFirst().orElse(null);
        assertNotNull("clasp.protocol does not export package clasp.protocol", export);
        assertEquals(new Version(1, 2, 0), export.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE));
    }

    @Test
    public void fileinstallLoadsConfigurationsFromClaspEtc() throws Exception {
        CountDownLatch created = new CountDownLatch(1);
        ConfigurationListener listener = event -> {
            if (PROBE_PID.equals(event.getPid()) && event.getType() == ConfigurationEvent.CM_UPDATED) {
                created.countDown();
            }
        };
        ServiceRegistration<ConfigurationListener> registration = context.registerService(ConfigurationListener.class, listener, null);
        try {
            if (configurationAdmin.listConfigurations("(service.pid=" + PROBE_PID + ")") == null) {
                assertTrue(PROBE_PID + ".cfg in " + etc() + " was not loaded within 20 s", created.await(20, TimeUnit.SECONDS));
            }
            Object origin = configurationAdmin.listConfigurations("(service.pid=" + PROBE_PID + ")")[0].getProperties().get("origin");
            assertEquals("clasp.etc", origin);
        } finally {
            registration.unregister();
        }
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    private static boolean isFragment(Bundle bundle) {
        return (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }
}
