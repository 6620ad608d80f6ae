package clasp.transport.netty.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads certificates and unencrypted PKCS#8 private keys from PEM files, with the JDK alone. */
final class Pem {
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END PRIVATE KEY-----");
    private static final Pattern OTHER_KEY = Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----");
    private static final String[] KEY_ALGORITHMS = {"EC", "RSA", "Ed25519", "EdDSA"};

    private Pem() {
    }

    static List<X509Certificate> certificates(Path file) throws IOException, CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                if (c instanceof X509Certificate x509) certificates.add(x509);
            }
        } catch (CertificateException notPem) {
            throw new IOException(file + " holds no PEM certificate (" + notPem.getMessage() + ")");
        }
        if (certificates.isEmpty()) throw new IOException(file + " holds no PEM certificate");
        return certificates;
    }

    static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher pkcs8 = PKCS8.matcher(text);
        if (!pkcs8.find()) {
            Matcher other = OTHER_KEY.matcher(text);
            throw new IOException(file + (other.find()
                    ? " holds a \"" + other.group(1) + "\"; convert it to an unencrypted PKCS#8 \"PRIVATE KEY\" with "
                            + "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem"
                    : " holds no PEM private key"));
        }
        byte[] der = Base64.getMimeDecoder().decode(pkcs8.group(1));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // the PKCS#8 structure names its algorithm; the JDK needs the matching factory
            }
        }
        throw new IOException(file + " holds a private key of an algorithm this JVM cannot read (EC, RSA, EdDSA)");
    }
}
