package clasp.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.auth.AuthenticationException;
import clasp.api.auth.Authenticator;
import clasp.api.auth.Credentials;
import clasp.api.auth.Principal;
import clasp.api.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminAccessTest {
    private final List<Credentials> presented = new ArrayList<>();
    private final Authenticator tokens = new Authenticator() {
        @Override
        public Principal authenticate(Credentials credentials) throws AuthenticationException {
            presented.add(credentials);
            return switch (String.valueOf(credentials.token())) {
                case "cpsk_admin" -> new Principal("ops", Set.of("admin:/**", "read:/**"));
                case "cpsk_reader" -> new Principal("viewer", Set.of("read:/**"));
                default -> throw new AuthenticationException(AuthenticationException.INVALID, "unknown token");
            };
        }

        @Override
        public boolean holds(Principal principal) { return true; }
    };

    @Test
    void openModeLetsEveryoneInAsTheOpenPrincipal() throws ApiError {
        assertThat(AdminAccess.check(request(null), null)).isEqualTo(Principal.OPEN);
    }

    @Test
    void anAdminTokenIsAcceptedAndPresentedWithThePeerAndListener() throws ApiError {
        assertThat(AdminAccess.check(request("Bearer cpsk_admin"), tokens).name()).isEqualTo("ops");
        assertThat(presented).containsExactly(new Credentials("cpsk_admin", null, "127.0.0.1:40000", "websocket:default"));
    }

    @Test
    void noTokenIs401() {
        assertThatThrownBy(() -> AdminAccess.check(request(null), tokens)).isInstanceOf(ApiError.class)
                .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(401))
                .hasMessage("an admin token is required");
        assertThatThrownBy(() -> AdminAccess.check(request("Basic dXNlcjpwYXNz"), tokens))
                .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(401));
        assertThat(presented).isEmpty();
    }

    @Test
    void aRefusedTokenIs401WithTheReason() {
        assertThatThrownBy(() -> AdminAccess.check(request("Bearer cpsk_forged"), tokens))
                .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(401))
                .hasMessage("token refused: unknown token");
    }

    @Test
    void aValidTokenWithoutTheAdminScopeIs403() {
        assertThatThrownBy(() -> AdminAccess.check(request("Bearer cpsk_reader"), tokens))
                .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(403))
                .hasMessage("viewer has no admin:/** scope");
    }

    @Test
    void a401AnswerNamesTheBearerScheme() {
        assertThat(AdminApi.error(401, "an admin token is required").headers())
                .containsEntry("WWW-Authenticate", "Bearer realm=\"clasp\"");
        assertThat(new String(AdminApi.error(403, "x \"y\"").body())).isEqualTo("{\"error\":\"x \\\"y\\\"\"}");
    }

    @Test
    void aChangeFromAnotherOriginIsRefusedInEveryMode() throws ApiError {
        HttpRequest forged = new HttpRequest("POST", "/ui/api/bridges", Map.of(), Map.of("host", "10.0.0.2:7330",
                "origin", "https://evil.example", "content-type", "application/json"), "{}".getBytes(), "10.0.0.9:5000", "default");
        assertThatThrownBy(() -> AdminAccess.check(forged, null))
                .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(403))
                .hasMessage("cross-origin request refused: https://evil.example is not this dashboard's origin");
        HttpRequest own = new HttpRequest("DELETE", "/ui/api/sessions/s1", Map.of(), Map.of("host", "10.0.0.2:7330",
                "origin", "http://10.0.0.2:7330"), new byte[0], "10.0.0.9:5000", "default");
        assertThat(AdminAccess.check(own, null)).isEqualTo(Principal.OPEN);
        HttpRequest read = new HttpRequest("GET", "/ui/api/sessions", Map.of(), Map.of("host", "10.0.0.2:7330",
                "origin", "https://evil.example"), new byte[0], "10.0.0.9:5000", "default");
        assertThat(AdminAccess.check(read, null)).isEqualTo(Principal.OPEN);
    }

    @Test
    void aBodyMustBeDeclaredJson() {
        HttpRequest form = new HttpRequest("POST", "/ui/api/scenes", Map.of(), Map.of("host", "10.0.0.2:7330",
                "content-type", "text/plain"), "{\"name\":\"x\"}".getBytes(), "10.0.0.9:5000", "default");
        assertThatThrownBy(() -> AdminAccess.check(form, null))
                .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(415));
    }

    private static HttpRequest request(String authorization) {
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("authorization", authorization);
        return new HttpRequest("GET", "/ui/api/whoami", Map.of(), headers, new byte[0], "127.0.0.1:40000", "default");
    }
}
