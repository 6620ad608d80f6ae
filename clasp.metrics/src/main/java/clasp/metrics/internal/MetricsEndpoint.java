package clasp.metrics.internal;

import clasp.api.auth.Authenticator;
import clasp.api.auth.Authoriser;
import clasp.api.http.HttpEndpoint;
import clasp.api.http.HttpRequest;
import clasp.api.http.HttpResponse;
import clasp.api.router.Router;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * GET /metrics: the router's, transports', bridges' and JVM's families in the Prometheus text format, built from
 * memory on the listener's network thread at each request (the router's counters are read without locks). In
 * authenticated mode it asks for a bearer token ({@link MetricsAccess}). The references are volatile fields; nothing
 * else is kept between requests.
 */
@Component(service = HttpEndpoint.class, property = HttpEndpoint.PATH + "=/metrics", configurationPid = "clasp.metrics",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MetricsConfig.class)
public final class MetricsEndpoint implements HttpEndpoint {
    private final Router router;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Authenticator authenticator;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Authoriser authoriser;
    private volatile boolean requireToken;

    @Activate
    public MetricsEndpoint(@Reference Router router, MetricsConfig config) {
        this.router = router;
        this.requireToken = config.requireToken();
    }

    /** For tests: the endpoint with these services (null: absent). */
    MetricsEndpoint(Router router, boolean requireToken, Authenticator authenticator, Authoriser authoriser) {
        this.router = router;
        this.requireToken = requireToken;
        this.authenticator = authenticator;
        this.authoriser = authoriser;
    }

    @Modified
    void modified(MetricsConfig config) { this.requireToken = config.requireToken(); }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        return CompletableFuture.completedFuture(answer(request));
    }

    private HttpResponse answer(HttpRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return HttpResponse.text(405, "GET only\n").with("Allow", "GET, HEAD");
        }
        if (!request.path().equals("/metrics")) return HttpResponse.text(404, "not found\n");
        Optional<HttpResponse> refusal = MetricsAccess.refusal(request, requireToken, authenticator, authoriser);
        if (refusal.isPresent()) return refusal.get();
        return HttpResponse.of(200, PrometheusText.CONTENT_TYPE, page(router).bytes()).with("Cache-Control", "no-store");
    }

    /** The whole page: the router's families, then the JVM's. */
    static PrometheusText page(Router router) {
        PrometheusText t = new PrometheusText();
        RouterSeries.write(t, router.metrics(), router.sessions(), router.transports(), router.bridges());
        JvmSeries.write(t);
        return t;
    }
}
