package clasp.security.internal;

import clasp.security.internal.scope.Scopes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked {@link SecurityConfig}: an invalid configuration is refused whole with a message naming what is wrong
 * (the component then keeps what it had). Immutable.
 *
 * @param certificateScopes client certificate subject → the scopes it grants
 */
record SecuritySettings(SecurityMode mode, List<byte[]> trustAnchors, int maxDelegationDepth,
                        Map<String, List<String>> certificateScopes) {
    static final SecuritySettings OPEN = new SecuritySettings(SecurityMode.OPEN, List.of(), 5, Map.of());
    /** What an unreadable configuration means: authenticated mode with no trust anchor and no certificate (fail closed). */
    static final SecuritySettings CLOSED = new SecuritySettings(SecurityMode.AUTHENTICATED, List.of(), 0, Map.of());

    static SecuritySettings of(SecurityConfig c) {
        return of(c.mode(), c.trustAnchors(), c.maxDelegationDepth(), c.certificateScopes());
    }

    static SecuritySettings of(String mode, String anchors, int depth, String[] certificates) {
        List<byte[]> keys = new ArrayList<>();
        for (String hex : (anchors == null ? "" : anchors).split("[,\\s]+")) {
            if (hex.isBlank()) continue;
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("clasp.security: trustAnchors: " + hex + " is not a 32-byte key in 64 hex digits");
            }
            keys.add(HexFormat.of().parseHex(hex));
        }
        if (depth < 0 || depth > 16) throw new IllegalArgumentException("clasp.security: maxDelegationDepth must be 0..16, is " + depth);
        Map<String, List<String>> certs = new LinkedHashMap<>();
        for (String entry : certificates == null ? new String[0] : certificates) {
            if (entry == null || entry.isBlank()) continue;
            int arrow = entry.lastIndexOf("=>");
            if (arrow <= 0) throw new IllegalArgumentException("clasp.security: certificateScopes entry '" + entry + "' is not '<subject> => <scopes>'");
            String subject = entry.substring(0, arrow).trim();
            String scopes = entry.substring(arrow + 2).trim();
            try {
                certs.put(subject, Scopes.parseList(scopes).stream().map(Object::toString).toList());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("clasp.security: certificateScopes for " + subject + ": " + e.getMessage(), e);
            }
        }
        return new SecuritySettings(SecurityMode.parse(mode), List.copyOf(keys), depth, Map.copyOf(certs));
    }

    /** Whether {@code other} says the same (byte arrays compared by content). */
    boolean sameAs(SecuritySettings other) {
        return other != null && mode == other.mode && maxDelegationDepth == other.maxDelegationDepth
                && anchorsHex().equals(other.anchorsHex()) && certificateScopes.equals(other.certificateScopes);
    }

    /** The trust anchors as hex, for status lines. */
    List<String> anchorsHex() { return trustAnchors.stream().map(HexFormat.of()::formatHex).toList(); }
}
