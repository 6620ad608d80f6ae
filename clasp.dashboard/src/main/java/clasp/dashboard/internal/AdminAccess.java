package clasp.dashboard.internal;

import clasp.api.auth.AuthenticationException;
import clasp.api.auth.Authenticator;
import clasp.api.auth.Credentials;
import clasp.api.auth.Principal;
import clasp.api.http.HttpRequest;

/**
 * Who may use the admin API. In open mode (no {@link Authenticator}) everyone, as the principal "open". In
 * authenticated mode a request must carry {@code Authorization: Bearer <token>} that the authenticator accepts for a
 * principal holding the scope {@value Principal#ALL}: 401 without a token or with one refused, 403 for a valid token
 * without that scope. Stateless.
 *
 * <p>Whatever the mode, a request that changes something must come from the dashboard's own origin: another web page in
 * the admin's browser could otherwise post to a router on the admin's network (cross-site request forgery). So such a
 * request is refused (403) when its {@code Origin} is not this listener's, and a body must be declared JSON (415),
 * which a cross-origin form cannot do without a CORS preflight, which the dashboard never grants.
 */
final class AdminAccess {
    private AdminAccess() { }

    /** The principal {@code request} acts for; {@code authenticator} is null in open mode. */
    static Principal check(HttpRequest request, Authenticator authenticator) throws ApiError {
        checkOrigin(request);
        if (authenticator == null) return Principal.OPEN;
        String token = request.bearerToken().orElseThrow(() -> new ApiError(401, "an admin token is required"));
        Principal principal;
        try {
            principal = authenticator.authenticate(new Credentials(token, null, request.remote(),
                    "websocket:" + request.listener()));
        } catch (AuthenticationException refused) {
            throw new ApiError(401, "token refused: " + refused.getMessage());
        }
        if (!principal.scopes().contains(Principal.ALL)) {
            throw new ApiError(403, principal.name() + " has no " + Principal.ALL + " scope");
        }
        return principal;
    }

    /** Refuses a request that changes something from another origin, or with a body not declared JSON. */
    static void checkOrigin(HttpRequest request) throws ApiError {
        if (request.method().equals("GET") || request.method().equals("HEAD")) return;
        String origin = request.header("origin").orElse(null);
        if (origin != null) {
            String host = request.header("host").orElse("");
            if (!origin.equalsIgnoreCase("http://" + host) && !origin.equalsIgnoreCase("https://" + host)) {
                throw new ApiError(403, "cross-origin request refused: " + origin + " is not this dashboard's origin");
            }
        }
        if (request.body().length > 0 && !request.header("content-type").orElse("").toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/json")) {
            throw new ApiError(415, "the body must be sent as application/json");
        }
    }
}
