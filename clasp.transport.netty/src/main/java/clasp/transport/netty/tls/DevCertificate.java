package clasp.transport.netty.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's development certificate: a self-signed EC P-256 certificate for localhost, 127.0.0.1 and ::1 and
 * this machine's name, made on the first start of a TLS listener without configured key material and kept in
 * {@code <data folder>/tls/} ({@value #FILE}, password {@value #PASSWORD}) so that every TLS listener of the runtime,
 * and every later start, presents the same one: clients pin or trust it once. For development only: production
 * listeners name a keystore or PEM files. Valid {@value #VALID_DAYS} days; one about to expire is made anew.
 * It is made by the JDK's {@code keytool} (the JDK has no public API to sign a certificate), once.
 */
public final class DevCertificate {
    public static final String FILE = "dev-certificate.p12";
    public static final String PASSWORD = "clasp-dev";
    public static final String ALIAS = "clasp-dev";
    static final int VALID_DAYS = 825;
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private DevCertificate() {
    }

    /** The development keystore in {@code dataFolder/tls}, made if it is missing or about to expire. */
    public static synchronized KeyStore loadOrCreate(Path dataFolder) throws IOException, GeneralSecurityException {
        Path file = dataFolder.resolve("tls").resolve(FILE);
        if (Files.isRegularFile(file)) {
            KeyStore existing = load(file);
            if (stillValid(existing)) {
                return existing;
            }
        }
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(FILE + ".part");
        Files.deleteIfExists(partial);
        create(hostName(), partial);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return load(file);
    }

    /** Writes a new PKCS12 keystore to {@code target} holding a self-signed certificate for {@code host} and loopback. */
    static void create(String host, Path target) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("cannot make the development certificate: " + keytool
                    + " is missing; configure tlsKeyStore or tlsCertificate/tlsPrivateKey");
        }
        String name = host.replaceAll("[^A-Za-z0-9.-]", "-");
        List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=CLASP development certificate (" + name + ")",
                "-ext", "SAN=dns:localhost" + (name.isEmpty() ? "" : ",dns:" + name) + ",ip:127.0.0.1,ip:::1",
                "-ext", "BC:c=ca:false", "-startdate", "-1H", "-validity", String.valueOf(VALID_DAYS),
                "-storetype", "PKCS12", "-keystore", target.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not make the development certificate: "
                        + new String(output, StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the development certificate", e);
        } finally {
            process.destroy();
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
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
