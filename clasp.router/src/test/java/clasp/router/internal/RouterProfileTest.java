package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import clasp.api.message.WelcomeMessage;
import clasp.api.message.HelloMessage;
import clasp.api.Feature;
import clasp.api.router.LocalSession;
import clasp.router.internal.param.MemoryParamStore;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** D1: the reference router's defaults (§1.1) as the named configuration profile {@code reference}. */
class RouterProfileTest {
    /** The configuration Config Admin would hand over for {@code properties}: the given values, else the declared defaults. */
    private static RouterConfig config(Map<String, Object> properties) {
        return (RouterConfig) Proxy.newProxyInstance(RouterConfig.class.getClassLoader(), new Class<?>[] {RouterConfig.class},
                (proxy, method, args) -> properties.containsKey(method.getName()) ? properties.get(method.getName())
                        : method.getDefaultValue());
    }

    private static RouterSettings settings(Map<String, Object> properties) {
        return RouterSettings.of(RouterProfile.resolve(config(properties), properties));
    }

    @Test void theReferenceProfileTakesTheReferenceRoutersDefaults() {
        RouterSettings s = settings(Map.of("profile", "reference"));
        assertThat(s.name()).isEqualTo("Clasp Router");
        assertThat(s.maxSessions()).isEqualTo(100);
        assertThat(s.maxParams()).isEqualTo(10_000);
        assertThat(s.rateLimitPerSecond()).isEqualTo(1_000);
        assertThat(s.paramTtlSeconds()).isEqualTo(3_600);
        RouterSettings product = RouterSettings.defaults();
        assertThat(s.sessionTimeoutSeconds()).isEqualTo(product.sessionTimeoutSeconds());   // the same in both
        assertThat(s.gestureCoalesceIntervalMs()).isEqualTo(product.gestureCoalesceIntervalMs());
        assertThat(s.maxHandshaking()).isEqualTo(product.maxHandshaking());                 // D5 is kept
        assertThat(s.input()).isEqualTo(new InputLimits(32, 65_535, 65_535, 65_535, 65_535, 1_024, 64, 64, 20_000, 0));
        assertThat(s.profile()).isEqualTo("reference");
    }

    @Test void attributesTheConfigurationSetsWinOverTheProfile() {
        RouterSettings s = settings(Map.of("profile", "reference", "maxSessions", 500, "paramTtlSeconds", 0, "name", "FOH"));
        assertThat(s.maxSessions()).isEqualTo(500);
        assertThat(s.paramTtlSeconds()).isZero();
        assertThat(s.name()).isEqualTo("FOH");
        assertThat(s.maxParams()).isEqualTo(10_000);
    }

    @Test void theProductProfileAndAnUnknownOneGiveTheProductDefaults() {
        assertThat(settings(Map.of())).isEqualTo(RouterSettings.defaults());
        assertThat(settings(Map.of("profile", "product"))).isEqualTo(RouterSettings.defaults());
        RouterSettings unknown = settings(Map.of("profile", "vintage"));
        assertThat(unknown.maxSessions()).isEqualTo(10_000);
        assertThat(unknown.paramTtlSeconds()).isZero();
    }

    @Test void aRouterActivatedWithTheReferenceProfileGreetsAndLimitsAsTheReferenceDoes() throws Exception {
        Map<String, Object> properties = new HashMap<>(Map.of("profile", "reference"));
        RouterComponent router = new RouterComponent();
        router.bindStore(new MemoryParamStore());
        router.bindAuthoriser(new OpenAuthoriser());
        router.activate(config(properties), properties);
        try {
            TestClient c = new TestClient(router);
            c.send(new HelloMessage(1, Set.of(Feature.PARAM), "t", null));
            assertThat(((WelcomeMessage) c.take().get(0)).name()).isEqualTo("Clasp Router");
            LocalSession s = router.openSession("filler", false);
            for (int i = 0; i < 10_000; i++) s.set("/p/" + i, Value.of(i));
            assertThatThrownBy(() -> s.set("/p/one-more", Value.of(1L))).hasMessage("AtCapacity");
            properties.put("maxParams", 20_000);                 // a configuration edit: explicit values win
            router.modified(config(properties), properties);
            assertThat(s.set("/p/one-more", Value.of(1L))).isEqualTo(1);
        } finally {
            router.deactivate();
        }
    }
}
