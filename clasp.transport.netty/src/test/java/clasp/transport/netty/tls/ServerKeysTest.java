package clasp.transport.netty.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeysTest {
    @TempDir
    Path data;

    private TlsSettings dev(ClientAuth auth, String trusted) {
        return new TlsSettings("", "", "", "", "", auth, trusted, data);
    }

    @Test
    void withoutKeyMaterialTheDevelopmentCertificateIsMadeOnceAndReused() throws Exception {
        ServerKeys first = ServerKeys.load(dev(ClientAuth.NONE, ""));
        ServerKeys second = ServerKeys.load(dev(ClientAuth.NONE, ""));

        assertThat(Files.isRegularFile(data.resolve("tls").resolve(DevCertificate.FILE))).isTrue();
        assertThat(first.isDevelopmentCertificate()).isTrue();
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(first.certificate().getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
                .contains((Object) "localhost", "127.0.0.1");
        assertThat(first.trustManagers()).isNull();
        assertThat(first.describe()).startsWith("development certificate CN=CLASP development certificate")
                .endsWith("client certificates none");
        assertThat(first.nettyServerContext().isServer()).isTrue();
    }

    @Test
    void pemFilesGiveTheSameCertificateAsTheKeystoreTheyCameFrom() throws Exception {
        Path madeFile = data.resolve("made.p12");
        DevCertificate.create("test-host", madeFile);
        KeyStore made = KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(madeFile)) {
            made.load(in, DevCertificate.PASSWORD.toCharArray());
        }
        X509Certificate certificate = (X509Certificate) made.getCertificate(DevCertificate.ALIAS);
        PrivateKey key = (PrivateKey) made.getKey(DevCertificate.ALIAS, DevCertificate.PASSWORD.toCharArray());
        Path certPem = write("server.crt", certificate);
        Path keyPem = write("server.key", new JcaPKCS8Generator(key, null)); // "PRIVATE KEY", as openssl genpkey writes

        ServerKeys keys = ServerKeys.load(new TlsSettings("", "", "", certPem.toString(), keyPem.toString(),
                ClientAuth.REQUIRE, certPem.toString(), data));

        assertThat(keys.isDevelopmentCertificate()).isFalse();
        assertThat(keys.fingerprint()).isEqualTo(ServerKeys.fingerprint(certificate));
        assertThat(keys.certificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=CLASP development certificate (test-host)");
        assertThat(keys.trustManagers()).isNotNull();
        assertThat(keys.clientAuth()).isEqualTo(ClientAuth.REQUIRE);
        assertThat(Files.exists(data.resolve("tls"))).isFalse(); // no development certificate made
    }

    @Test
    void inconsistentSettingsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> ServerKeys.load(dev(ClientAuth.REQUIRE, "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs tlsTrustedCertificates");
        assertThatThrownBy(() -> ServerKeys.load(new TlsSettings("", "", "", "a.crt", "", ClientAuth.NONE, "", data)))
                .hasMessage("tlsCertificate and tlsPrivateKey go together");
        assertThatThrownBy(() -> ClientAuth.parse("always")).hasMessageContaining("none, optional or require");
        assertThat(ClientAuth.parse(" Require ")).isEqualTo(ClientAuth.REQUIRE);
        assertThat(ClientAuth.parse(null)).isEqualTo(ClientAuth.NONE);
        assertThatThrownBy(() -> new TlsSettings("", "", "", "", "", ClientAuth.NONE, "", data, "TLSv1.1").validated())
                .hasMessage("tlsMinVersion must be TLSv1.2 or TLSv1.3, is 'TLSv1.1'");
        assertThatThrownBy(() -> TlsPolicy.minVersion("SSLv3")).hasMessage("tlsMinVersion must be TLSv1.2 or TLSv1.3, is 'SSLv3'");
        assertThat(TlsPolicy.minVersion(" tlsv1.3 ")).isEqualTo(TlsPolicy.TLS_1_3);
        assertThat(TlsPolicy.minVersion("")).isEqualTo(TlsPolicy.TLS_1_2);
        assertThat(TlsPolicy.protocols(TlsPolicy.TLS_1_3)).containsExactly("TLSv1.3");
        assertThat(TlsPolicy.protocols(TlsPolicy.TLS_1_2)).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(new TlsSettings("k.p12", "secret", "", "", "", ClientAuth.NONE, "", data).toString())
                .contains("keyStorePassword=***").doesNotContain("secret");
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedSayingHowToConvertIt() throws Exception {
        Path sec1 = Files.writeString(data.resolve("ec.key"), "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> Pem.privateKey(sec1)).hasMessageContaining("holds a \"EC PRIVATE KEY\"")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        Path none = Files.writeString(data.resolve("none.key"), "nothing\n");
        assertThatThrownBy(() -> Pem.privateKey(none)).hasMessageEndingWith("holds no PEM private key");
    }

    @Test
    void aPemFileWithoutCertificatesIsAnError() throws Exception {
        Path empty = Files.writeString(data.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> ServerKeys.trusting(Pem.certificates(empty))).hasMessageContaining("holds no PEM certificate");
        assertThat(ServerKeys.trusting(List.of()).getTrustManagers()).hasSize(1);
    }

    private Path write(String name, Object item) throws Exception {
        Path file = data.resolve(name);
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(item);
        }
        return file;
    }
}
