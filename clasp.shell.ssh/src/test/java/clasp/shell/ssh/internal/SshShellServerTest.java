package clasp.shell.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH server with a real Gogo command processor (the runtime's, outside a framework) and SSHD's own client over
 * loopback: exec channels, the key check, the host key kept across restarts, and no thread left after close.
 */
class SshShellServerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A command that answers with what it was given. */
    public static final class Greeter {
        public String hello(String name) { return "hello " + name; }

        public void fail() { throw new IllegalStateException("failed on purpose"); }
    }

    @TempDir
    Path dir;

    private ThreadIOImpl threadIO;
    private CommandProcessorImpl processor;
    private SshClient client;
    private final List<String> hostKeysSeen = new ArrayList<>();

    @BeforeEach
    void start() {
        threadIO = new ThreadIOImpl();
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        processor.addCommand("demo", new Greeter(), "hello");
        processor.addCommand("demo", new Greeter(), "fail");
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, remote, key) -> {
            synchronized (hostKeysSeen) {
                hostKeysSeen.add(KeyUtils.getFingerPrint(key));
            }
            return true;
        });
        client.start();
    }

    @AfterEach
    void stop() {
        client.stop();
        threadIO.stop();
    }

    @Test
    void anAuthorizedKeyRunsACommandLineAndGetsItsResultAndExitStatus() throws Exception {
        KeyPair admin = ecKey();
        authorize(admin);
        try (SshShellServer server = server()) {
            Exec hello = exec(server, admin, "demo:hello world");
            assertThat(hello.out).isEqualTo("hello world\n");
            assertThat(hello.err).isEmpty();
            assertThat(hello.status).isZero();

            Exec failed = exec(server, admin, "demo:fail");
            assertThat(failed.out).isEmpty();
            assertThat(failed.err).isEqualTo("java.lang.IllegalStateException: failed on purpose\n");
            assertThat(failed.status).isEqualTo(1);
        }
    }

    @Test
    void aKeyNotInTheFileIsRefusedAndOneAddedLaterIsAdmitted() throws Exception {
        KeyPair admin = ecKey();
        KeyPair later = ecKey();
        authorize(admin);
        try (SshShellServer server = server()) {
            assertThatThrownBy(() -> exec(server, later, "demo:hello x")).isInstanceOf(SshException.class);

            authorize(admin, later);
            assertThat(exec(server, later, "demo:hello x").out).isEqualTo("hello x\n");
        }
    }

    @Test
    void theHostKeyIsMadeOnceAndKeptAcrossRestarts() throws Exception {
        KeyPair admin = ecKey();
        authorize(admin);
        try (SshShellServer server = server()) {
            exec(server, admin, "demo:hello a");
        }
        byte[] hostKey = Files.readAllBytes(dir.resolve("data/ssh/hostkey"));
        assertThat(new String(hostKey, StandardCharsets.US_ASCII)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data/ssh/hostkey"))))
                .isEqualTo("rw-------");
        try (SshShellServer server = server()) {
            exec(server, admin, "demo:hello b");
        }
        assertThat(Files.readAllBytes(dir.resolve("data/ssh/hostkey"))).isEqualTo(hostKey);
        synchronized (hostKeysSeen) {
            assertThat(hostKeysSeen).hasSize(2);
            assertThat(hostKeysSeen.get(1)).isEqualTo(hostKeysSeen.get(0));
        }
    }

    @Test
    void closingEndsEverySessionAndEveryThreadOfTheServer() throws Exception {
        KeyPair admin = ecKey();
        authorize(admin);
        SshShellServer server = server();
        ClientSession open = login(server, admin);
        exec(server, admin, "demo:hello a");
        assertThat(serverThreads()).isNotEmpty();

        server.close();

        await().atMost(WAIT).until(open::isClosed);
        await().atMost(WAIT).untilAsserted(() -> assertThat(serverThreads()).isEmpty());
    }

    private record Exec(String out, String err, Integer status) { }

    private Exec exec(SshShellServer server, KeyPair key, String line) throws IOException {
        try (ClientSession session = login(server, key); ChannelExec channel = session.createExecChannel(line)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(WAIT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);
            return new Exec(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), channel.getExitStatus());
        }
    }

    private ClientSession login(SshShellServer server, KeyPair key) throws IOException {
        ClientSession session = client.connect("admin", "127.0.0.1", server.port()).verify(WAIT).getSession();
        try {
            session.addPublicKeyIdentity(key);
            session.auth().verify(WAIT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private SshShellServer server() throws IOException {
        SshShellSettings settings = new SshShellSettings("127.0.0.1", 0, dir.resolve("etc/ssh/authorized_keys"),
                dir.resolve("data/ssh/hostkey"), Duration.ofMinutes(5));
        SshShellServer server = new SshShellServer(settings, processor, null);
        server.start();
        return server;
    }

    private void authorize(KeyPair... keys) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (KeyPair key : keys) lines.append(PublicKeyEntry.toString(key.getPublic())).append(" test\n");
        Files.createDirectories(dir.resolve("etc/ssh"));
        Files.writeString(dir.resolve("etc/ssh/authorized_keys"), lines);
        // a later rewrite within the file time's resolution must still count as a change
        Files.setLastModifiedTime(dir.resolve("etc/ssh/authorized_keys"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000L * keys.length));
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Set<String> serverThreads() {
        Set<String> names = new java.util.TreeSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().contains(SessionThreads.PREFIX)) names.add(thread.getName());
        }
        return names;
    }
}
