package clasp.security.internal;

import clasp.api.auth.AuthenticationException;
import clasp.api.auth.Authenticator;
import clasp.api.auth.Credentials;
import clasp.api.auth.Principal;
import clasp.security.internal.token.CapabilityToken;
import clasp.security.internal.token.CapabilityValidator;
import clasp.security.internal.token.PresharedTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticated mode's check of a HELLO (§14.3): a {@code cpsk_} token is looked up among the pre-shared tokens, a
 * {@code cap_} token validated with its whole delegation chain, and without a token a client certificate's subject is
 * looked up in the configured certificate scopes. Each principal it gives out is remembered by name with what it came
 * from, so {@link #holds} can tell later whether it still stands (revoked, expired, anchors or mapping changed).
 * Every HELLO with the same credential and the same scopes gets the same principal instance, so the authoriser, which
 * caches compiled scopes by principal instance, compiles a token's scopes once and not at every HELLO.
 * Principal names: {@code <subject> [cpsk:<id>]}, {@code cap:<token id>}, {@code cert:<subject>}.
 */
public final class TokenAuthenticator implements Authenticator {
    static final String REQUIRED = "Authentication required";
    static final String NO_VALIDATOR = "Invalid token: no validator accepted the token";
    private static final int MAX_REMEMBERED = 100_000;

    /** What a principal was given for; {@code principal} is the instance given out for it. */
    private record Grant(Principal principal, String cpskId, String capToken, String certSubject, Instant expires) { }

    private final PresharedTokens preshared;
    private volatile CapabilityValidator capabilities;
    private volatile Map<String, List<String>> certificates;
    private final Clock clock;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    public TokenAuthenticator(PresharedTokens preshared, CapabilityValidator capabilities, Map<String, List<String>> certificates, Clock clock) {
        this.preshared = preshared;
        this.capabilities = capabilities;
        this.certificates = certificates;
        this.clock = clock;
    }

    /** New trust anchors, depth or certificate scopes; the principals given out stay known, and {@link #holds} judges them by these. */
    public void reconfigure(CapabilityValidator capabilities, Map<String, List<String>> certificates) {
        this.capabilities = capabilities;
        this.certificates = certificates;
    }

    @Override
    public Principal authenticate(Credentials c) throws AuthenticationException {
        String token = c.token();
        if (token == null) return certificate(c.peerIdentity());
        if (token.startsWith("cpsk_")) return preshared(token);
        if (token.startsWith(CapabilityToken.PREFIX)) return capability(token);
        throw new AuthenticationException(AuthenticationException.INVALID, NO_VALIDATOR);
    }

    private Principal certificate(String subject) throws AuthenticationException {
        List<String> scopes = subject == null ? null : certificates.get(subject);
        if (scopes == null) throw new AuthenticationException(AuthenticationException.INVALID, REQUIRED);
        return remember(new Principal("cert:" + subject, Set.copyOf(scopes)), null, null, subject, null);
    }

    private Principal preshared(String token) throws AuthenticationException {
        PresharedTokens.Lookup found = preshared.lookup(token);
        if (found.outcome() != PresharedTokens.Outcome.VALID) throw new AuthenticationException(found.errorCode(), found.errorMessage());
        PresharedTokens.Entry e = found.entry();
        String name = (e.subject() == null || e.subject().isBlank() ? "token" : e.subject()) + " [cpsk:" + e.id() + "]";
        return remember(new Principal(name, Set.copyOf(e.scopes())), e.id(), null, null, e.expires());
    }

    private Principal capability(String token) throws AuthenticationException {
        CapabilityValidator.Verdict v = capabilities.validate(token);
        switch (v.outcome()) {
            case VALID -> { }
            case EXPIRED -> throw new AuthenticationException(AuthenticationException.EXPIRED, "Token has expired");
            case NOT_MINE -> throw new AuthenticationException(AuthenticationException.INVALID, NO_VALIDATOR);
            default -> throw new AuthenticationException(AuthenticationException.INVALID, "Invalid token: " + v.reason());
        }
        CapabilityToken t = v.token();
        return remember(new Principal("cap:" + t.id(), Set.copyOf(t.scopes())),
                null, token, null, Instant.ofEpochSecond(t.expiresAt()));
    }

    private Principal remember(Principal p, String cpskId, String capToken, String certSubject, Instant expires) {
        if (grants.size() >= MAX_REMEMBERED && !grants.containsKey(p.name())) grants.clear();   // their sessions re-check as not holding
        Grant before = grants.get(p.name());
        Principal given = before != null && before.principal().equals(p) ? before.principal() : p;
        grants.put(p.name(), new Grant(given, cpskId, capToken, certSubject, expires));
        return given;
    }

    @Override
    public boolean holds(Principal p) {
        Grant g = grants.get(p.name());
        if (g == null) return false;
        if (g.expires() != null && clock.instant().isAfter(g.expires())) return false;
        if (g.cpskId() != null) return preshared.list().stream().anyMatch(e -> e.id().equals(g.cpskId()));
        if (g.capToken() != null) return capabilities.validate(g.capToken()).outcome() == CapabilityValidator.Outcome.VALID;
        List<String> scopes = certificates.get(g.certSubject());
        return scopes != null && Set.copyOf(scopes).equals(p.scopes());
    }

    /** Whether some principal given out has expired by now: its sessions must be checked again. */
    boolean anyExpired() {
        Instant now = clock.instant();
        return grants.values().stream().anyMatch(g -> g.expires() != null && now.isAfter(g.expires()));
    }

    /** Forgets the expired grants (after their sessions were checked). */
    void forgetExpired() {
        Instant now = clock.instant();
        grants.values().removeIf(g -> g.expires() != null && now.isAfter(g.expires()));
    }
}
