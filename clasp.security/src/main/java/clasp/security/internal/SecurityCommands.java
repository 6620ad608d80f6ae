package clasp.security.internal;

import clasp.security.internal.audit.AdminAudit;
import clasp.security.internal.scope.Scopes;
import clasp.security.internal.token.CapabilityCodec;
import clasp.security.internal.token.CapabilityFormatException;
import clasp.security.internal.token.CapabilityMint;
import clasp.security.internal.token.CapabilityToken;
import clasp.security.internal.token.PresharedTokens;
import clasp.security.internal.token.RuntimeKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * What the {@code clasp.security:*} commands do: issue, list and revoke pre-shared tokens (the token is printed once,
 * only its hash is kept), mint a root capability token with the runtime's key and delegate a narrower one, show the
 * mode. Scopes are given comma-separated; an expiry as a duration ({@code 30d}, {@code 12h}, {@code 90m},
 * {@code 45s}) or an ISO instant ({@code 2027-01-31T23:00:00Z}).
 */
final class SecurityCommands {
    private final PresharedTokens preshared;
    private final RuntimeKey key;
    private final CapabilityMint mint;
    private final SecurityComponent component;

    SecurityCommands(PresharedTokens preshared, RuntimeKey key, CapabilityMint mint, SecurityComponent component) {
        this.preshared = preshared;
        this.key = key;
        this.mint = mint;
        this.component = component;
    }

    String status() {
        SecuritySettings s = component.settings();
        StringBuilder out = new StringBuilder();
        out.append("mode           ").append(s.mode().word()).append('\n');
        out.append("runtime key    ").append(key.publicKeyHex()).append(" (trusted)\n");
        for (String a : s.anchorsHex()) out.append("trust anchor   ").append(a).append('\n');
        out.append("max delegation ").append(s.maxDelegationDepth()).append('\n');
        out.append("pre-shared     ").append(preshared.list().size()).append(" tokens\n");
        s.certificateScopes().forEach((subject, scopes) -> out.append("certificate    ").append(subject).append(" => ")
                .append(String.join(", ", scopes)).append('\n'));
        return out.toString().stripTrailing();
    }

    String issue(String subject, String scopes, String expires) throws IOException {
        List<String> parsed = canonical(scopes);
        Instant until = expires == null ? null : instant(expires);
        PresharedTokens.Created created = preshared.create(subject, parsed, until);
        AdminAudit.tokenIssued(created.id(), subject, parsed, until);
        return created.token() + "\n(id " + created.id() + "; shown once: only its hash is kept)";
    }

    String key() { return key.publicKeyHex(); }

    String tokens() {
        StringBuilder out = new StringBuilder(String.format("%-8s  %-20s  %-24s  %s%n", "ID", "SUBJECT", "EXPIRES", "SCOPES"));
        for (PresharedTokens.Entry e : preshared.list()) {
            out.append(String.format("%-8s  %-20s  %-24s  %s%n", e.id(), e.subject(),
                    e.expires() == null ? "never" : e.expires().toString(), String.join(", ", e.scopes())));
        }
        return out.toString().stripTrailing();
    }

    String revoke(String idOrSubject) throws IOException {
        List<PresharedTokens.Entry> gone = preshared.revoke(idOrSubject);
        if (gone.isEmpty()) throw new IllegalArgumentException("no token has the id or subject " + idOrSubject);
        for (PresharedTokens.Entry e : gone) AdminAudit.tokenRevoked(e.id(), e.subject());
        component.changed();   // their sessions close now
        return "revoked " + gone.size() + " token(s): " + String.join(", ", gone.stream().map(PresharedTokens.Entry::id).toList());
    }

    String mint(String scopes, String expires) {
        CapabilityToken t = mint.root(key.keyPair(), canonical(scopes), instant(expires).getEpochSecond(), null);
        AdminAudit.capabilityMinted(t.id(), t.scopes(), t.expiresAt(), false);
        return CapabilityCodec.encode(t);
    }

    String delegate(String parentText, String scopes, String expires) {
        CapabilityToken parent;
        try {
            parent = CapabilityCodec.decode(parentText);
        } catch (CapabilityFormatException e) {
            throw new IllegalArgumentException("not a capability token: " + e.getMessage(), e);
        }
        CapabilityToken t = mint.delegate(parent, key.keyPair(), canonical(scopes), instant(expires).getEpochSecond(), null);
        AdminAudit.capabilityMinted(t.id(), t.scopes(), t.expiresAt(), true);
        return CapabilityCodec.encode(t);
    }

    /** The scopes, checked and in canonical form. */
    static List<String> canonical(String scopes) {
        List<String> out = Scopes.parseList(scopes).stream().map(Object::toString).toList();
        if (out.isEmpty()) throw new IllegalArgumentException("give at least one scope, e.g. read:/lights/**");
        return out;
    }

    /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s} from now, or an ISO instant. */
    static Instant instant(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+[dhms]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
            return Instant.now().plus(d);
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("an expiry is a duration like 30d, 12h, 90m, 45s or an instant like 2027-01-31T23:00:00Z, not " + text);
        }
    }
}
