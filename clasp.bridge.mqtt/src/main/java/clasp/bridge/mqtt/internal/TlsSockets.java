package clasp.bridge.mqtt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** The TLS socket factory of an ssl:// broker connection: trusted CAs from a PEM file or the JVM's, optional client key. */
final class TlsSockets {
    private TlsSockets() { }

    /**
     * @param trustedPem   PEM file of the CAs the broker's certificate must chain to; empty: the JVM's trust store
     * @param keyStore     PKCS12 file with a client certificate and key; empty: none
     * @param keyStorePass its password
     */
    static SSLSocketFactory factory(String trustedPem, String keyStore, char[] keyStorePass)
            throws IOException, GeneralSecurityException {
        TrustManager[] trust = null;   // null: the JVM's default
        if (!trustedPem.isEmpty()) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(Path.of(trustedPem))) {
                int n = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trusted.setCertificateEntry("ca-" + n++, c);
                }
                if (n == 0) throw new GeneralSecurityException("no certificate in " + trustedPem);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            trust = tmf.getTrustManagers();
        }
        KeyManager[] keys = null;
        if (!keyStore.isEmpty()) {
            KeyStore client = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(keyStore))) {
                client.load(in, keyStorePass);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(client, keyStorePass);
            keys = kmf.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        return context.getSocketFactory();
    }
}
