package clasp.transport.netty.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads certificates and unencrypted private keys (PKCS#8 or PKCS#1/SEC1) from PEM files. */
final class Pem {
    private Pem() {
    }

    static List<X509Certificate> certificates(Path file) throws IOException, CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = parser(file)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        }
        if (certificates.isEmpty()) throw new IOException(file + " holds no PEM certificate");
        return certificates;
    }

    static PrivateKey privateKey(Path file) throws IOException {
        try (PEMParser parser = parser(file)) {
            Object item;
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            while ((item = parser.readObject()) != null) {
                if (item instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
                if (item instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
        }
        throw new IOException(file + " holds no unencrypted PEM private key");
    }

    private static PEMParser parser(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        return new PEMParser(reader);
    }
}
