package clasp.router.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named sets of defaults for the router's configuration (attribute {@code profile}): {@code product} (D1, the
 * declared defaults of {@link RouterConfig}) or {@code reference} (the reference router's defaults of §1.1, where
 * they differ). An attribute the configuration sets keeps its value under either profile.
 */
final class RouterProfile {
    private static final Logger LOG = LoggerFactory.getLogger(RouterProfile.class);

    static final String PRODUCT = "product";
    static final String REFERENCE = "reference";

    /** §1.1 values that differ from the product defaults, by attribute. */
    static final Map<String, Object> REFERENCE_DEFAULTS = Map.of(
            "name", "Clasp Router",
            "maxSessions", 100,
            "maxParams", 10_000,
            "rateLimitPerSecond", 1_000,
            "paramTtlSeconds", 3_600,
            // the reference decodes every array and map the wire can carry
            "maxArrayLength", 65_535,
            "maxMapSize", 65_535);

    private RouterProfile() {}

    /** {@code config} with the attributes missing from {@code given} (its raw properties) taken from its profile. */
    static RouterConfig resolve(RouterConfig config, Map<String, ?> given) {
        String profile = config.profile();
        if (PRODUCT.equals(profile)) return config;
        if (!REFERENCE.equals(profile)) {
            LOG.warn("clasp.router: unknown profile '{}' ignored: the product defaults apply (profiles: product, reference)", profile);
            return config;
        }
        return (RouterConfig) Proxy.newProxyInstance(RouterConfig.class.getClassLoader(), new Class<?>[] {RouterConfig.class},
                (proxy, method, args) -> {
                    Object fallback = REFERENCE_DEFAULTS.get(method.getName());
                    if (fallback != null && method.getParameterCount() == 0 && !given.containsKey(method.getName())) return fallback;
                    try {
                        return method.invoke(config, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
