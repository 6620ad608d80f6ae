package clasp.test.peers.tls;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made for a test with BouncyCastle: CAs, and server and client certificates they sign. */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final char[] PASSWORD = "test".toCharArray();

    /** A key pair and its certificate chain (leaf first). */
    public record Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {
        /** This identity in an in-memory keystore, for a client's key manager. */
        KeyStore keyStore() throws GeneralSecurityException, IOException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", keys.getPrivate(), PASSWORD, new Certificate[] {certificate, issuer});
            return store;
        }
    }

    private TestPki() {
    }

    /** A self-signed CA valid from a day ago for a year. */
    public static Issued authority(String name) throws Exception {
        KeyPair keys = keyPair();
        Instant now = Instant.now();
        X509Certificate certificate = sign(new X500Name("CN=" + name), keys, new X500Name("CN=" + name), keys,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), true, null);
        return new Issued(keys, certificate, certificate);
    }

    /** A server certificate for 127.0.0.1 and localhost. */
    public static Issued server(Issued ca) throws Exception {
        return server(ca, "CN=localhost");
    }

    /** A server certificate for 127.0.0.1 and localhost with {@code subject}. */
    public static Issued server(Issued ca, String subject) throws Exception {
        Instant now = Instant.now();
        return issue(ca, subject, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
                new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
    }

    /** A client certificate with {@code subject}, valid from {@code notBefore} to {@code notAfter}. */
    public static Issued client(Issued ca, String subject, Instant notBefore, Instant notAfter) throws Exception {
        return issue(ca, subject, notBefore, notAfter, null);
    }

    /** A client certificate valid now. */
    public static Issued client(Issued ca, String subject) throws Exception {
        Instant now = Instant.now();
        return client(ca, subject, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    private static Issued issue(Issued ca, String subject, Instant notBefore, Instant notAfter, GeneralNames names)
            throws Exception {
        KeyPair keys = keyPair();
        // Encoded as the JDK does, so that the subject reads back (RFC 2253) exactly as given.
        X500Name name = X500Name.getInstance(new X500Principal(subject).getEncoded());
        X509Certificate certificate = sign(name, keys,
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), ca.keys(),
                notBefore, notAfter, false, names);
        return new Issued(keys, certificate, ca.certificate());
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        Instant notBefore, Instant notAfter, boolean ca, GeneralNames names)
            throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        if (names != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, names);
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    /** Writes {@code certificates} as PEM. */
    public static Path certificatePem(Path file, X509Certificate... certificates) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        }
        return file;
    }

    /** Writes {@code issued}'s private key as PKCS#8 PEM. */
    public static Path privateKeyPem(Path file, Issued issued) throws Exception {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new JcaPKCS8Generator(issued.keys().getPrivate(), null));
        }
        return file;
    }

    /** A client TLS context trusting {@code trusted} and showing {@code identity} (null: no certificate). */
    public static SSLContext clientContext(Issued identity, X509Certificate... trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            trust.setCertificateEntry("ca-" + i, trusted[i]);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = null;
        if (identity != null) {
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(identity.keyStore(), PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
