package clasp.transport.netty.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The runtime's development certificate: a self-signed EC P-256 certificate for localhost, 127.0.0.1 and ::1 and
 * this machine's name, made on the first start of a TLS listener without configured key material and kept in
 * {@code <data folder>/tls/} ({@value #FILE}, password {@value #PASSWORD}) so that every TLS listener of the runtime,
 * and every later start, presents the same one: clients pin or trust it once. For development only: production
 * listeners name a keystore or PEM files. Valid {@value #VALID_DAYS} days; an expired one is made anew.
 */
public final class DevCertificate {
    public static final String FILE = "dev-certificate.p12";
    public static final String PASSWORD = "clasp-dev";
    public static final String ALIAS = "clasp-dev";
    static final int VALID_DAYS = 825;

    private DevCertificate() {
    }

    /** The development keystore in {@code dataFolder/tls}, made if it is missing or expired. */
    public static synchronized KeyStore loadOrCreate(Path dataFolder) throws IOException, GeneralSecurityException {
        Path file = dataFolder.resolve("tls").resolve(FILE);
        if (Files.isRegularFile(file)) {
            KeyStore existing = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                existing.load(in, PASSWORD.toCharArray());
            }
            if (stillValid(existing)) {
                return existing;
            }
        }
        KeyStore made = create(hostName());
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(FILE + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            made.store(out, PASSWORD.toCharArray());
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return made;
    }

    /** A new keystore holding a self-signed certificate for {@code host} and the loopback addresses. */
    static KeyStore create(String host) throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=CLASP development certificate (" + host + ")");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(VALID_DAYS))), subject, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.dNSName, host),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")}));
        X509Certificate certificate;
        try {
            certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the development certificate", e);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {certificate});
        return store;
    }

    private static boolean stillValid(KeyStore store) throws GeneralSecurityException {
        Certificate certificate = store.getCertificate(ALIAS);
        if (!(certificate instanceof X509Certificate x509)) return false;
        // Made anew a day before it expires, so that no listener starts with one about to lapse.
        return x509.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
