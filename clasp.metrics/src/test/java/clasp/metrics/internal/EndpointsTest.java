package clasp.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.AuthenticationException;
import clasp.api.auth.Authenticator;
import clasp.api.auth.Authoriser;
import clasp.api.auth.Credentials;
import clasp.api.auth.Principal;
import clasp.api.http.HttpRequest;
import clasp.api.http.HttpResponse;
import clasp.api.router.LocalSession;
import clasp.api.router.ErrorCodes;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /metrics on a real (standalone) router, who may read it, and /health. */
class EndpointsTest {
    private final RouterComponent router = new RouterComponent();

    /** Accepts "good" (scope read:/clasp/metrics) and "reader" (read:/lights/**); refuses anything else. */
    private final Authenticator tokens = new Authenticator() {
        @Override public Principal authenticate(Credentials c) throws AuthenticationException {
            return switch (String.valueOf(c.token())) {
                case "good" -> new Principal("prometheus", Set.of("read:/clasp/metrics"));
                case "reader" -> new Principal("desk", Set.of("read:/lights/**"));
                default -> throw new AuthenticationException(ErrorCodes.UNAUTHORIZED, "Invalid token");
            };
        }

        @Override public boolean holds(Principal principal) { return true; }
    };
    /** Allows a GET of an address a read scope names exactly or by a trailing /**. */
    private final Authoriser scopes = (p, action, address) -> action == Action.GET && p.scopes().stream()
            .anyMatch(s -> s.equals("read:" + address) || s.endsWith("/**") && address.startsWith(s.substring(5, s.length() - 2)));

    @BeforeEach void start() { router.startStandalone(RouterSettings.defaults()); }

    @AfterEach void stop() { router.deactivate(); }

    private static HttpRequest get(String path, String authorization) {
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("authorization", authorization);
        return new HttpRequest("GET", path, Map.of(), headers, new byte[0], "127.0.0.1:5000", "default");
    }

    private static HttpResponse answer(clasp.api.http.HttpEndpoint e, HttpRequest r) {
        return e.handle(r).toCompletableFuture().join();
    }

    private static String body(HttpResponse r) { return new String(r.body(), StandardCharsets.UTF_8); }

    @Test void metricsOfALiveRouterInTheTextFormat() throws Exception {
        try (LocalSession s = router.openSession("desk", false)) {
            s.set("/a", Value.of(1L));
            s.set("/b", Value.of(2L));
            HttpResponse r = answer(new MetricsEndpoint(router, true, null, null), get("/metrics", null));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(body(r).lines()).contains("clasp_sessions{transport=\"local\"} 1", "clasp_params 2",
                    "clasp_frames_received_total{type=\"SET\"} 0", "clasp_session_queued_bytes_count 0",
                    "# TYPE clasp_deliveries_dropped_total counter");
        }
    }

    @Test void inAuthenticatedModeATokenAllowedToGetClaspMetricsIsNeeded() {
        MetricsEndpoint e = new MetricsEndpoint(router, true, tokens, scopes);
        HttpResponse none = answer(e, get("/metrics", null));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"clasp\"");
        assertThat(body(none)).isEqualTo("a bearer token is required\n");
        HttpResponse bad = answer(e, get("/metrics", "Bearer nope"));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"clasp\", error=\"invalid_token\"");
        HttpResponse narrow = answer(e, get("/metrics", "Bearer reader"));
        assertThat(narrow.status()).isEqualTo(403);
        assertThat(body(narrow)).isEqualTo("the token's scopes do not allow a GET of /clasp/metrics (e.g. read:/clasp/metrics)\n");
        HttpResponse good = answer(e, get("/metrics", "Bearer good"));
        assertThat(good.status()).isEqualTo(200);
        assertThat(body(good)).contains("clasp_params 0\n");
    }

    @Test void requireTokenFalseOrOpenModeAskForNothing() {
        assertThat(answer(new MetricsEndpoint(router, false, tokens, scopes), get("/metrics", null)).status()).isEqualTo(200);
        assertThat(answer(new MetricsEndpoint(router, true, null, null), get("/metrics", "Bearer anything")).status()).isEqualTo(200);
    }

    @Test void onlyGetOfTheExactPath() {
        MetricsEndpoint e = new MetricsEndpoint(router, false, null, null);
        HttpResponse post = answer(e, new HttpRequest("POST", "/metrics", Map.of(), Map.of(), new byte[0], "r", "default"));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
        assertThat(answer(e, get("/metrics/x", null)).status()).isEqualTo(404);
    }

    @Test void healthIsOk() {
        HttpResponse r = answer(new HealthEndpoint(), get("/health", null));
        assertThat(r.status()).isEqualTo(200);
        assertThat(body(r)).isEqualTo("ok\n");
        assertThat(answer(new HealthEndpoint(), get("/health/x", null)).status()).isEqualTo(404);
    }
}
