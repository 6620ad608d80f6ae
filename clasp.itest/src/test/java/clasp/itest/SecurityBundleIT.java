package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import clasp.api.Value;
import clasp.api.auth.Authenticator;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.WelcomeMessage;
import clasp.api.router.Router;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The security bundle in the runtime: open by default; switched to authenticated mode through Config Admin it closes
 * the sessions that have no credentials and refuses HELLOs without a token; a token issued through its shell command
 * gets in with its scopes and is shut out when revoked; back in open mode anyone gets in; stopped, it leaves no thread.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecurityBundleIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject private BundleContext context;
    @Inject private Router router;
    @Inject private ConfigurationAdmin configurationAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return Provisioning.freshQuietRuntime(Provisioning.workDir().resolve("security").resolve("etc"));
    }

    @After
    public void open() throws Exception { mode("open"); }

    private int port() { return java.net.URI.create(Listeners.awaitDefault(router).endpoint()).getPort(); }

    private void mode(String mode) throws IOException {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("mode", mode);
        configurationAdmin.getConfiguration("clasp.security", "?").update(props);
        boolean authenticated = mode.equals("authenticated");
        Eventually.until("the Authenticator service " + (authenticated ? "registered" : "gone"), WAIT,
                () -> (context.getServiceReference(Authenticator.class) != null) == authenticated);
    }

    /** Calls a clasp.security shell command on the component (its class is not exported). */
    private Object command(String name, Object... args) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(osgi.command.scope=clasp.security)");
        Object component = context.getService(refs[0]);
        Class<?>[] types = new Class<?>[args.length];
        java.util.Arrays.fill(types, String.class);
        Method m = component.getClass().getMethod(name, types);
        return m.invoke(component, args);
    }

    private static Message first(ClaspWebSocketClient c) throws InterruptedException {
        return c.await(0, m -> true, WAIT);
    }

    @Test
    public void authenticatedModeClosesOpenSessionsAndLetsInOnlyIssuedTokensUntilRevoked() throws Exception {
        int port = port();
        try (ClaspWebSocketClient before = ClaspWebSocketClient.connect(port, "open-mode client")) {
            mode("authenticated");
            before.await(0, m -> m instanceof ErrorMessage e && e.code() == 300, WAIT);
            Eventually.until("the open-mode session closed", WAIT, () -> before.closeCode() != null);
            assertEquals(Integer.valueOf(1008), before.closeCode());
        }
        try (ClaspWebSocketClient anonymous = ClaspWebSocketClient.hello(port, "anonymous", null)) {
            assertEquals(new ErrorMessage(300, "Authentication required"), first(anonymous));
            Eventually.until("closed after the refusal", WAIT, () -> anonymous.closeCode() != null);
            assertEquals(1, anonymous.count());   // no WELCOME
        }
        String issued = (String) command("issue", "desk", "write:/sec/**, read:/sec/**");
        String token = issued.substring(0, issued.indexOf('\n'));
        assertTrue(token, token.matches("cpsk_[0-9a-f]{32}"));
        String listing = (String) command("tokens");
        assertTrue(listing, listing.contains("desk") && !listing.contains(token));
        try (ClaspWebSocketClient desk = ClaspWebSocketClient.hello(port, "desk", token)) {
            assertTrue(first(desk) instanceof WelcomeMessage);
            int from = desk.count();
            desk.send(new SetMessage("/other/x", Value.of(1L)));
            assertEquals(new ErrorMessage(301, "Insufficient scope for write operation", "/other/x", null),
                    desk.await(from, m -> m instanceof ErrorMessage, WAIT));
            assertTrue(router.param("/other/x").isEmpty());
            command("revoke", "desk");
            Eventually.until("the revoked token's session closed", WAIT, () -> desk.closeCode() != null);
            assertEquals(Integer.valueOf(1008), desk.closeCode());
        }
        try (ClaspWebSocketClient again = ClaspWebSocketClient.hello(port, "desk", token)) {
            assertEquals(new ErrorMessage(300, "Invalid token: token not found"), first(again));
        }
        mode("open");
        try (ClaspWebSocketClient anyone = ClaspWebSocketClient.hello(port, "anyone", null)) {
            assertTrue(first(anyone) instanceof WelcomeMessage);
        }
    }

    @Test
    public void theStoppedSecurityBundleLeavesNoThreadAndTheRouterOpen() throws Exception {
        mode("authenticated");
        Bundle security = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("clasp.security")).findFirst().orElseThrow();
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("clasp-security-expiry")));
        security.stop();
        try {
            Eventually.until("no clasp-security thread", WAIT, () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("clasp-security")));
            assertNull(context.getServiceReference(Authenticator.class));
        } finally {
            security.start();
        }
    }
}
