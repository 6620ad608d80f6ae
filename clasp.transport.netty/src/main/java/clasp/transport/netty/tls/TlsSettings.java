package clasp.transport.netty.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A listener's TLS configuration. Key material comes from a keystore ({@code keyStore}, PKCS12 or JKS) or from PEM
 * files ({@code certificatePem} with the chain, {@code privateKeyPem}); with neither, the runtime's development
 * certificate is used ({@link DevCertificate}). Client certificates are checked against {@code trustedPem} (one or
 * more CA or self-signed certificates in PEM). {@code minVersion} is the oldest TLS version accepted
 * ({@link TlsPolicy}).
 *
 * @param keyStore         path of a PKCS12 or JKS keystore, or blank
 * @param keyStorePassword its password (also the key's)
 * @param keyStoreType     "PKCS12" or "JKS"; blank = PKCS12
 * @param certificatePem   path of the certificate chain in PEM, or blank
 * @param privateKeyPem    path of the private key in PEM (PKCS#8 or PKCS#1), or blank
 * @param clientAuth       whether clients must show a certificate
 * @param trustedPem       path of the certificates that client certificates must chain to, or blank
 * @param dataFolder       where the development certificate is kept
 * @param minVersion       "TLSv1.2" or "TLSv1.3"; blank = TLSv1.2
 */
public record TlsSettings(String keyStore, String keyStorePassword, String keyStoreType, String certificatePem,
                          String privateKeyPem, ClientAuth clientAuth, String trustedPem, Path dataFolder,
                          String minVersion) {
    /** Framework property naming the runtime's data folder (default {@value #DEFAULT_DATA_FOLDER}, relative to the working folder). */
    public static final String DATA_FOLDER_PROPERTY = "clasp.data";
    public static final String DEFAULT_DATA_FOLDER = "data";

    /** Settings with the default minimum version, TLS 1.2. */
    public TlsSettings(String keyStore, String keyStorePassword, String keyStoreType, String certificatePem,
                       String privateKeyPem, ClientAuth clientAuth, String trustedPem, Path dataFolder) {
        this(keyStore, keyStorePassword, keyStoreType, certificatePem, privateKeyPem, clientAuth, trustedPem, dataFolder,
                TlsPolicy.TLS_1_2);
    }

    /** The data folder for the value of {@link #DATA_FOLDER_PROPERTY} (null or blank: the default), absolute. */
    public static Path dataFolder(String configured) {
        return Path.of(blank(configured) ? DEFAULT_DATA_FOLDER : configured.trim()).toAbsolutePath();
    }

    /** True when no key material is configured and the development certificate serves. */
    public boolean usesDevCertificate() {
        return blank(keyStore) && blank(certificatePem);
    }

    /**
     * The configured files the key material is read from: the keystore or the PEM files, and the trusted
     * certificates when clients are asked for certificates. Empty with the development certificate.
     */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (!blank(keyStore)) files.add(Path.of(keyStore.trim()));
        if (!blank(certificatePem)) files.add(Path.of(certificatePem.trim()));
        if (!blank(privateKeyPem)) files.add(Path.of(privateKeyPem.trim()));
        if (clientAuth != ClientAuth.NONE && !blank(trustedPem)) files.add(Path.of(trustedPem.trim()));
        return files;
    }

    /** Checks that the settings name a usable combination; throws IllegalArgumentException naming what is wrong. */
    public TlsSettings validated() {
        TlsPolicy.minVersion(minVersion);
        if (!blank(keyStore) && !blank(certificatePem)) {
            throw new IllegalArgumentException("set either tlsKeyStore or tlsCertificate, not both");
        }
        if (blank(certificatePem) != blank(privateKeyPem)) {
            throw new IllegalArgumentException("tlsCertificate and tlsPrivateKey go together");
        }
        if (clientAuth != ClientAuth.NONE && blank(trustedPem)) {
            throw new IllegalArgumentException("tlsClientAuth " + clientAuth.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs tlsTrustedCertificates (the CA certificates client certificates must chain to)");
        }
        return this;
    }

    /** Never shows the keystore password. */
    @Override
    public String toString() {
        return "TlsSettings[keyStore=" + keyStore + ", keyStorePassword=" + (blank(keyStorePassword) ? "" : "***")
                + ", keyStoreType=" + keyStoreType + ", certificatePem=" + certificatePem + ", privateKeyPem=" + privateKeyPem
                + ", clientAuth=" + clientAuth + ", trustedPem=" + trustedPem + ", dataFolder=" + dataFolder + ", minVersion=" + minVersion + "]";
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
