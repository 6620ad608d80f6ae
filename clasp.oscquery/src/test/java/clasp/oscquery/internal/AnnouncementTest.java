package clasp.oscquery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.discovery.Announcement;
import clasp.router.internal.OpenAuthoriser;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The component: once it listens it registers the _oscjson._tcp announcement on its port; deactivation withdraws it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnnouncementTest {

    @Test
    void theListeningPortIsAnnouncedAsOscjsonAndWithdrawnOnDeactivation() throws Exception {
        List<Object> registered = new CopyOnWriteArrayList<>();
        AtomicInteger unregistered = new AtomicInteger();
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) unregistered.incrementAndGet();
                    return null;
                });
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("registerService") || args[0] != Announcement.class) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    registered.add(args[1]);
                    return registration;
                });
        RouterComponent router = new RouterComponent();
        router.startStandalone(RouterSettings.defaults());
        try {
            OscQueryComponent component = new OscQueryComponent();   // as DS does: references first, then activation
            component.bindAuthoriser(new OpenAuthoriser());
            component.start(TestServer.config("name", "FOH Router"), router, context);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> registered.size() == 1);
            Announcement a = (Announcement) registered.get(0);
            assertThat(Announcement.valid(a)).isTrue();
            assertThat(a.serviceType()).isEqualTo("_oscjson._tcp");
            assertThat(a.instanceName()).isEqualTo("FOH Router");
            assertThat(a.txt()).isEqualTo(Map.of("txtvers", "1"));
            assertThat(a.port()).isPositive();
            try (java.net.Socket listening = new java.net.Socket("127.0.0.1", a.port())) {
                assertThat(listening.isConnected()).isTrue();   // the announced port is the server's
            }
            component.deactivate();
            assertThat(unregistered.get()).isEqualTo(1);
        } finally {
            router.deactivate();
        }
    }
}
