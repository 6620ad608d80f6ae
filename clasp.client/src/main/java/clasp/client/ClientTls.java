package clasp.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@code wss}/{@code tcps} client trusts the router and, for mutual TLS, identifies itself. One of: the JDK's
 * trust store ({@link #system()}), CA certificates from a PEM file ({@link #trust(Path)}), or the SHA-256 fingerprint
 * of the router's certificate ({@link #pinned(String)}: what the router logs for its generated development
 * certificate; no host name check). {@link #withClientCertificate} adds a certificate chain and unencrypted PKCS#8
 * key (PEM) presented to a router that asks for one.
 */
public record ClientTls(Path trustedCertificates, String pinnedSha256, Path clientCertificate, Path clientKey,
                        boolean verifyHostname) {
    public ClientTls {
        if (trustedCertificates != null && pinnedSha256 != null) {
            throw new IllegalArgumentException("trust certificates or pin a fingerprint, not both");
        }
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new IllegalArgumentException("a client certificate needs its key and the other way round");
        }
        if (pinnedSha256 != null) {
            pinnedSha256 = pinnedSha256.replace(":", "").toLowerCase(java.util.Locale.ROOT);
            if (!pinnedSha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a SHA-256 fingerprint");
        }
    }

    /** The JDK's default trust store, host name verified. */
    public static ClientTls system() { return new ClientTls(null, null, null, null, true); }

    /** CA (or self-signed) certificates in a PEM file, host name verified. */
    public static ClientTls trust(Path pemCertificates) {
        return new ClientTls(Objects.requireNonNull(pemCertificates), null, null, null, true);
    }

    /** Exactly the certificate with this SHA-256 fingerprint (hex, colons allowed); no host name check. */
    public static ClientTls pinned(String sha256) { return new ClientTls(null, sha256, null, null, false); }

    public ClientTls withClientCertificate(Path certificatePem, Path pkcs8KeyPem) {
        return new ClientTls(trustedCertificates, pinnedSha256, certificatePem, pkcs8KeyPem, verifyHostname);
    }

    /** Whether the router's certificate is checked against the host name of the URI. */
    public ClientTls withHostnameVerification(boolean verify) {
        return new ClientTls(trustedCertificates, pinnedSha256, clientCertificate, clientKey, verify);
    }
}
