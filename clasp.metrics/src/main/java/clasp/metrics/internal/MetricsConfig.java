package clasp.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code clasp.metrics} (etc/clasp.metrics.cfg): who may read GET /metrics. */
@ObjectClassDefinition(name = "CLASP metrics", description = "GET /metrics, /health and /ready on every WebSocket listener.")
public @interface MetricsConfig {
    @AttributeDefinition(description = "In authenticated mode (clasp.security configured), GET /metrics needs "
            + "'Authorization: Bearer <token>' whose scopes allow a GET of /clasp/metrics (read:/clasp/metrics, "
            + "read:/clasp/**, admin:/**, ...): 401 without a valid token, 403 without such a scope. false: /metrics "
            + "is open to anyone who reaches the listener. Open mode never asks for a token. /health and /ready never do.")
    boolean requireToken() default true;
}
