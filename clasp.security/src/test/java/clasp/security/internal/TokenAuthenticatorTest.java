package clasp.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.auth.AuthenticationException;
import clasp.api.auth.Credentials;
import clasp.api.auth.Principal;
import clasp.security.internal.token.CapabilityCodec;
import clasp.security.internal.token.CapabilityMint;
import clasp.security.internal.token.CapabilityToken;
import clasp.security.internal.token.CapabilityValidator;
import clasp.security.internal.token.Ed25519Keys;
import clasp.security.internal.token.PresharedTokens;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HELLO credentials in authenticated mode: each kind of token and certificate, the §11 refusals, and when a principal stops holding. */
class TokenAuthenticatorTest {
    @TempDir Path folder;
    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-01T12:00:00Z"));
    private final KeyPair anchor = Ed25519Keys.generate();
    private PresharedTokens preshared;
    private TokenAuthenticator auth;

    @BeforeEach void setUp() throws Exception {
        preshared = new PresharedTokens(folder, clock);
        auth = authenticator(Map.of("CN=desk,O=Venue", List.of("read:/**", "write:/lights/**")), List.of(Ed25519Keys.rawPublicKey(anchor.getPublic())));
    }

    private TokenAuthenticator authenticator(Map<String, List<String>> certs, List<byte[]> anchors) {
        return new TokenAuthenticator(preshared, new CapabilityValidator(anchors, 5, SecurityComponent.attenuation(), clock), certs, clock);
    }

    private static Credentials token(String t) { return new Credentials(t, null, "127.0.0.1:5000", "websocket:default"); }

    private static void refused(TokenAuthenticator a, Credentials c, int code, String message) {
        assertThatThrownBy(() -> a.authenticate(c)).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test void withoutTokenOrMappedCertificateItIs300AuthenticationRequired() {
        refused(auth, token(null), 300, "Authentication required");
        refused(auth, new Credentials(null, "CN=guest", "127.0.0.1:5000", "tcp:default"), 300, "Authentication required");
    }

    @Test void aMappedCertificateSubjectActsWithItsScopes() throws Exception {
        Principal p = auth.authenticate(new Credentials(null, "CN=desk,O=Venue", "10.0.0.5:4000", "tcp:tls"));
        assertThat(p).isEqualTo(new Principal("cert:CN=desk,O=Venue", Set.of("read:/**", "write:/lights/**")));
        assertThat(auth.holds(p)).isTrue();
        TokenAuthenticator remapped = authenticator(Map.of("CN=desk,O=Venue", List.of("read:/**")), List.of());
        remapped.authenticate(new Credentials(null, "CN=desk,O=Venue", "10.0.0.5:4000", "tcp:tls"));
        assertThat(remapped.holds(p)).as("the mapping now grants less").isFalse();
    }

    @Test void aPresharedTokenGivesItsSubjectAndScopesUntilRevoked() throws Exception {
        PresharedTokens.Created c = preshared.create("lx-remote", List.of("write:/lights/*|range=0..255"), null);
        Principal p = auth.authenticate(token(c.token()));
        assertThat(p).isEqualTo(new Principal("lx-remote [cpsk:" + c.id() + "]", Set.of("write:/lights/*|range=0..255")));
        assertThat(auth.holds(p)).isTrue();
        preshared.revoke(c.id());
        assertThat(auth.holds(p)).isFalse();
        refused(auth, token(c.token()), 300, "Invalid token: token not found");
    }

    @Test void anExpiredPresharedTokenIs302AndItsSessionsStopHolding() throws Exception {
        PresharedTokens.Created c = preshared.create("temp", List.of("read:/**"), clock.instant().plusSeconds(60));
        Principal p = auth.authenticate(token(c.token()));
        assertThat(auth.anyExpired()).isFalse();
        clock.now = clock.now.plusSeconds(61);
        assertThat(auth.anyExpired()).isTrue();
        assertThat(auth.holds(p)).isFalse();
        refused(auth, token(c.token()), 302, "Token has expired");
        auth.forgetExpired();
        assertThat(auth.anyExpired()).isFalse();
    }

    @Test void aCapabilityTokenFromATrustAnchorIsAcceptedAndStopsHoldingWhenTheAnchorGoes() throws Exception {
        CapabilityToken t = new CapabilityMint(SecurityComponent.attenuation()).root(anchor, List.of("read:/stage/**"),
                clock.instant().getEpochSecond() + 3600, null);
        String text = CapabilityCodec.encode(t);
        Principal p = auth.authenticate(token(text));
        assertThat(p).isEqualTo(new Principal("cap:" + t.id(), Set.of("read:/stage/**")));
        assertThat(auth.holds(p)).isTrue();
        TokenAuthenticator withoutAnchor = authenticator(Map.of(), List.of());
        refused(withoutAnchor, token(text), 300, "Invalid token: untrusted issuer: " + java.util.HexFormat.of().formatHex(t.issuer()));
    }

    @Test void aCapabilityTokenPastItsExpiryIs302() throws Exception {
        CapabilityToken t = new CapabilityMint(SecurityComponent.attenuation()).root(anchor, List.of("read:/**"),
                clock.instant().getEpochSecond() + 10, null);
        Principal p = auth.authenticate(token(CapabilityCodec.encode(t)));
        clock.now = clock.now.plusSeconds(11);
        refused(auth, token(CapabilityCodec.encode(t)), 302, "Token has expired");
        assertThat(auth.holds(p)).isFalse();
    }

    @Test void aReconfiguredAuthenticatorStillKnowsItsPrincipalsAndJudgesThemByTheNewRules() throws Exception {
        PresharedTokens.Created c = preshared.create("desk", List.of("read:/**"), null);
        Principal desk = auth.authenticate(token(c.token()));
        CapabilityToken t = new CapabilityMint(SecurityComponent.attenuation()).root(anchor, List.of("read:/**"),
                clock.instant().getEpochSecond() + 3600, null);
        Principal cap = auth.authenticate(token(CapabilityCodec.encode(t)));
        auth.reconfigure(new CapabilityValidator(List.of(), 5, SecurityComponent.attenuation(), clock), Map.of());
        assertThat(auth.holds(desk)).as("a pre-shared token does not depend on the anchors").isTrue();
        assertThat(auth.holds(cap)).as("its anchor is gone").isFalse();
    }

    @Test void anUnknownPrefixIsRefusedByEveryValidator() {
        refused(auth, token("ent_abc"), 300, "Invalid token: no validator accepted the token");
        refused(auth, token("secret"), 300, "Invalid token: no validator accepted the token");
    }

    @Test void everyHelloWithTheSameCredentialGetsTheSamePrincipalInstance() throws Exception {
        PresharedTokens.Created c = preshared.create("desk", List.of("read:/**", "write:/lights/*"), null);
        PresharedTokens.Created other = preshared.create("desk", List.of("read:/**", "write:/lights/*"), null);
        String cap = CapabilityCodec.encode(new CapabilityMint(SecurityComponent.attenuation()).root(anchor, List.of("read:/**"),
                clock.instant().getEpochSecond() + 60, null));
        Credentials cert = new Credentials(null, "CN=desk,O=Venue", "10.0.0.5:4000", "tcp:tls");

        assertThat(auth.authenticate(token(c.token()))).isSameAs(auth.authenticate(token(c.token())));
        assertThat(auth.authenticate(token(cap))).isSameAs(auth.authenticate(token(cap)));
        assertThat(auth.authenticate(cert)).isSameAs(auth.authenticate(cert));
        Principal first = auth.authenticate(token(c.token()));
        Principal second = auth.authenticate(token(other.token()));
        assertThat(second).isNotEqualTo(first);
        assertThat(second.name()).isEqualTo("desk [cpsk:" + other.id() + "]");
        assertThat(auth.holds(first)).isTrue();
        assertThat(auth.holds(second)).isTrue();
    }

    @Test void aCertificateWhoseScopesChangedGetsANewPrincipalAndTheOldOneStopsHolding() throws Exception {
        Credentials cert = new Credentials(null, "CN=desk,O=Venue", "10.0.0.5:4000", "tcp:tls");
        Principal before = auth.authenticate(cert);
        Map<String, List<String>> narrower = new java.util.HashMap<>(Map.of("CN=desk,O=Venue", List.of("read:/**")));
        TokenAuthenticator changing = authenticator(narrower, List.of());
        Principal wide = changing.authenticate(cert);
        narrower.put("CN=desk,O=Venue", List.of("read:/lights/**"));
        Principal narrow = changing.authenticate(cert);

        assertThat(before.scopes()).containsExactlyInAnyOrder("read:/**", "write:/lights/**");
        assertThat(wide).isEqualTo(new Principal("cert:CN=desk,O=Venue", Set.of("read:/**")));
        assertThat(narrow).isEqualTo(new Principal("cert:CN=desk,O=Venue", Set.of("read:/lights/**")));
        assertThat(changing.holds(wide)).isFalse();
        assertThat(changing.holds(narrow)).isTrue();
    }

    @Test void aPrincipalItNeverGaveOutDoesNotHold() {
        assertThat(auth.holds(Principal.OPEN)).isFalse();
    }

    /** A clock a test moves. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) { this.now = now; }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }
}
