package clasp.metrics.internal;

import clasp.api.http.HttpEndpoint;
import clasp.api.http.HttpRequest;
import clasp.api.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Component;

/**
 * GET /health, liveness: 200 "ok" whenever a listener can hand the request to this bundle, i.e. the process, the
 * framework and a listener's network thread are alive. It checks nothing else (that is /ready's job), so a
 * restart-on-failure probe never kills a runtime that is merely waiting for a device or a port. Stateless.
 */
@Component(service = HttpEndpoint.class, property = HttpEndpoint.PATH + "=/health")
public final class HealthEndpoint implements HttpEndpoint {
    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        HttpResponse r = !request.method().equals("GET") && !request.method().equals("HEAD")
                ? HttpResponse.text(405, "GET only\n").with("Allow", "GET, HEAD")
                : request.path().equals("/health") ? HttpResponse.text(200, "ok\n") : HttpResponse.text(404, "not found\n");
        return CompletableFuture.completedFuture(r.with("Cache-Control", "no-store"));
    }
}
