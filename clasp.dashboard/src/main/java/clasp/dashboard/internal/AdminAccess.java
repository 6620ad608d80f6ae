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
 */
final class AdminAccess {
    private AdminAccess() { }

    /** The principal {@code request} acts for; {@code authenticator} is null in open mode. */
    static Principal check(HttpRequest request, Authenticator authenticator) throws ApiError {
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
}
