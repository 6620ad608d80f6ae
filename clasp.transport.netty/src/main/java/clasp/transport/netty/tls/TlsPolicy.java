package clasp.transport.netty.tls;

import java.util.List;
import java.util.Locale;

/**
 * The protocol versions and cipher suites every TLS listener offers: TLS 1.3, and TLS 1.2 unless the listener's
 * minimum is 1.3; the TLS 1.3 suites and, for TLS 1.2, only ECDHE key exchange with AEAD ciphers (no CBC, no RSA
 * key exchange, no SHA-1 MAC). Suites the JVM lacks are left out.
 */
public final class TlsPolicy {
    public static final String TLS_1_2 = "TLSv1.2";
    public static final String TLS_1_3 = "TLSv1.3";

    /** In order of preference. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {
    }

    /**
     * The configured minimum version, {@value #TLS_1_2} or {@value #TLS_1_3} (any case; blank = {@value #TLS_1_2});
     * anything else is an IllegalArgumentException naming the attribute.
     */
    public static String minVersion(String configured) {
        if (configured == null || configured.isBlank()) return TLS_1_2;
        String text = configured.trim().toLowerCase(Locale.ROOT);
        if (text.equals("tlsv1.2")) return TLS_1_2;
        if (text.equals("tlsv1.3")) return TLS_1_3;
        throw new IllegalArgumentException("tlsMinVersion must be TLSv1.2 or TLSv1.3, is '" + configured + "'");
    }

    /** The versions a listener with minimum {@code minVersion} (as {@link #minVersion} returns it) enables. */
    public static String[] protocols(String minVersion) {
        return TLS_1_3.equals(minVersion) ? new String[] {TLS_1_3} : new String[] {TLS_1_3, TLS_1_2};
    }
}
