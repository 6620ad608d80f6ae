package clasp.metrics.internal;

import clasp.api.auth.Action;
import clasp.api.auth.AuthenticationException;
import clasp.api.auth.Authenticator;
import clasp.api.auth.Authoriser;
import clasp.api.auth.Credentials;
import clasp.api.auth.Principal;
import clasp.api.http.HttpRequest;
import clasp.api.http.HttpResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may read /metrics. In open mode (no {@link Authenticator}) or with {@code requireToken=false}, anyone; in
 * authenticated mode, a bearer token the authenticator accepts (as a HELLO token) whose principal the authoriser
 * allows a GET of {@value #ADDRESS}. A refusal is written to the audit log (logger {@code clasp.audit}). Stateless.
 */
final class MetricsAccess {
    /** The address a token's scopes must allow a GET of. */
    static final String ADDRESS = "/clasp/metrics";
    private static final Logger AUDIT = LoggerFactory.getLogger("clasp.audit");

    private MetricsAccess() { }

    /** The refusal for {@code request}, or empty when it may read the metrics. */
    static Optional<HttpResponse> refusal(HttpRequest request, boolean requireToken, Authenticator authenticator,
                                          Authoriser authoriser) {
        if (!requireToken || authenticator == null) return Optional.empty();
        Optional<String> token = request.bearerToken();
        if (token.isEmpty()) {
            return Optional.of(refused(request, 401, "a bearer token is required")
                    .with("WWW-Authenticate", "Bearer realm=\"clasp\""));
        }
        Principal p;
        try {
            p = authenticator.authenticate(new Credentials(token.get(), null, request.remote(), "websocket:" + request.listener()));
        } catch (AuthenticationException e) {
            p = null;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(MetricsAccess.class).warn("clasp.metrics: the authenticator failed; /metrics refused", e);
            p = null;
        }
        if (p == null) {
            return Optional.of(refused(request, 401, "invalid token")
                    .with("WWW-Authenticate", "Bearer realm=\"clasp\", error=\"invalid_token\""));
        }
        boolean allowed;
        try {
            allowed = authoriser != null && authoriser.allows(p, Action.GET, ADDRESS);
        } catch (RuntimeException e) {
            allowed = false;
        }
        if (!allowed) return Optional.of(refused(request, 403, "the token's scopes do not allow a GET of " + ADDRESS
                + " (e.g. read:" + ADDRESS + ")", p.name()));
        return Optional.empty();
    }

    private static HttpResponse refused(HttpRequest request, int status, String reason) {
        return refused(request, status, reason, null);
    }

    private static HttpResponse refused(HttpRequest request, int status, String reason, String principal) {
        AUDIT.info("metrics-refused {}peer={} via=websocket:{} status={} reason=\"{}\"",
                principal == null ? "" : "principal=\"" + principal + "\" ", request.remote(), request.listener(), status, reason);
        return HttpResponse.text(status, reason + "\n");
    }
}
