package clasp.transport.netty.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The key material a {@link TlsSettings} names, loaded once when a listener starts: the key and certificate chain
 * the listener presents, and, when clients must show certificates, the certificates those must chain to. Gives
 * JSSE managers (for QUIC's own TLS) and a Netty server context (TLS 1.3 and 1.2, JDK provider).
 */
public final class ServerKeys {
    private static final char[] NO_PASSWORD = new char[0];
    private static final String KEY_ALIAS = "server";

    private final KeyManagerFactory keyManagers;
    private final TrustManagerFactory trustManagers;
    private final ClientAuth clientAuth;
    private final X509Certificate certificate;
    private final boolean development;
    private final String minVersion;

    private ServerKeys(KeyManagerFactory keyManagers, TrustManagerFactory trustManagers, ClientAuth clientAuth,
                       X509Certificate certificate, boolean development, String minVersion) {
        this.minVersion = minVersion;
        this.keyManagers = keyManagers;
        this.trustManagers = trustManagers;
        this.clientAuth = clientAuth;
        this.certificate = certificate;
        this.development = development;
    }

    /**
     * Loads what {@code settings} name, or the development certificate when they name no key material.
     *
     * @throws IOException              a file cannot be read
     * @throws GeneralSecurityException a keystore, key or certificate is unusable (wrong password, bad format, a
     *                                  private key that does not belong to its certificate)
     */
    public static ServerKeys load(TlsSettings settings) throws IOException, GeneralSecurityException {
        settings.validated();
        KeyStore keys;
        char[] password;
        if (settings.usesDevCertificate()) {
            keys = DevCertificate.loadOrCreate(settings.dataFolder());
            password = DevCertificate.PASSWORD.toCharArray();
        } else if (!TlsSettings.blank(settings.keyStore())) {
            String type = TlsSettings.blank(settings.keyStoreType()) ? "PKCS12" : settings.keyStoreType().trim();
            keys = KeyStore.getInstance(type.toUpperCase(Locale.ROOT));
            password = settings.keyStorePassword() == null ? NO_PASSWORD : settings.keyStorePassword().toCharArray();
            try (InputStream in = Files.newInputStream(Path.of(settings.keyStore()))) {
                keys.load(in, password);
            }
        } else {
            List<X509Certificate> chain = Pem.certificates(Path.of(settings.certificatePem()));
            PrivateKey key = Pem.privateKey(Path.of(settings.privateKeyPem()));
            keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            password = NO_PASSWORD;
            keys.setKeyEntry(KEY_ALIAS, key, password, chain.toArray(new Certificate[0]));
        }
        X509Certificate leaf = leaf(keys);
        KeyPairs.requireMatch(keys, password, leaf);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        TrustManagerFactory trustManagers = null;
        if (settings.clientAuth() != ClientAuth.NONE) {
            trustManagers = trusting(Pem.certificates(Path.of(settings.trustedPem())));
        }
        return new ServerKeys(keyManagers, trustManagers, settings.clientAuth(), leaf, settings.usesDevCertificate(),
                TlsPolicy.minVersion(settings.minVersion()));
    }

    /** A trust manager factory trusting exactly {@code certificates} (the JDK's PKIX checks: chain, dates). */
    public static TrustManagerFactory trusting(List<X509Certificate> certificates) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
            trusted.setCertificateEntry("trusted-" + i, certificates.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory;
    }

    private static X509Certificate leaf(KeyStore keys) throws GeneralSecurityException {
        for (String alias : Collections.list(keys.aliases())) {
            if (keys.isKeyEntry(alias) && keys.getCertificate(alias) instanceof X509Certificate x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the keystore holds no private key with a certificate");
    }

    public KeyManagerFactory keyManagers() {
        return keyManagers;
    }

    /** The managers checking client certificates; null when clients are not asked for one. */
    public TrustManagerFactory trustManagers() {
        return trustManagers;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** The certificate this listener presents. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** True when this is the runtime's generated development certificate. */
    public boolean isDevelopmentCertificate() {
        return development;
    }

    /** The SHA-256 fingerprint of {@link #certificate()}, as colon-separated upper-case hex pairs. */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The oldest TLS version the listener accepts, "TLSv1.2" or "TLSv1.3". */
    public String minVersion() {
        return minVersion;
    }

    /**
     * A Netty server context on the JDK provider: TLS 1.3, and 1.2 unless the minimum is 1.3, with the cipher
     * suites of {@link TlsPolicy} the JVM has, client certificates as configured.
     */
    public SslContext nettyServerContext() throws IOException {
        SslContextBuilder builder = SslContextBuilder.forServer(keyManagers)
                .sslProvider(SslProvider.JDK)
                .protocols(TlsPolicy.protocols(minVersion))
                .ciphers(TlsPolicy.CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                .clientAuth(switch (clientAuth) {
                    case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
                    case OPTIONAL -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
                    case REQUIRE -> io.netty.handler.ssl.ClientAuth.REQUIRE;
                });
        if (trustManagers != null) {
            builder.trustManager(trustManagers);
        }
        return builder.build();
    }

    /** One line for the listener's log: whose certificate, its fingerprint, the client authentication. */
    public String describe() {
        return (development ? "development certificate " : "certificate ") + certificate.getSubjectX500Principal().getName()
                + " (SHA-256 " + fingerprint() + "), " + minVersion + " at least, client certificates "
                + clientAuth.name().toLowerCase(Locale.ROOT);
    }
}
