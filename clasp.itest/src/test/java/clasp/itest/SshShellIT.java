package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote shell (clasp.shell.ssh) in the runtime, with the real OpenSSH client: nothing listens until
 * etc/clasp.shell.ssh.cfg is there; then 127.0.0.1 only, keys from etc/ssh/authorized_keys only (no password), the
 * console's commands and output over exec and interactive channels, every login and command in the audit log; the
 * file's removal stops the server and its threads.
 */
class SshShellIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void offUntilConfiguredThenKeysOnlyOnLoopbackWithTheConsolesCommandsAudited() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path etc = workDir.resolve("etc");
        int listener = RuntimeProcess.quietListener(etc);
        Path admin = OpenSsh.keygen(workDir.resolve("keys/admin"));
        Path stranger = OpenSsh.keygen(workDir.resolve("keys/stranger"));
        String adminKey = OpenSsh.fingerprint(admin);
        String strangerKey = OpenSsh.fingerprint(stranger);
        int port = Net.freePort();
        OpenSsh ssh = new OpenSsh(port);

        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
            runtime.awaitLine(RuntimeProcess.STATUS, STARTUP);
            runtime.awaitListening(listener, WAIT);
            assertThat(listeningAddresses(port)).as("listeners on the SSH port without clasp.shell.ssh.cfg").isEmpty();

            Files.createDirectories(etc.resolve("ssh"));
            Files.copy(Path.of(admin + ".pub"), etc.resolve("ssh/authorized_keys"));
            Files.writeString(etc.resolve("clasp.shell.ssh.cfg"), "port=" + port + "\n");
            runtime.awaitLine("SSH shell listening on 127.0.0.1:" + port, WAIT);
            assertThat(listeningAddresses(port)).as("where the SSH shell listens by default").containsExactly("127.0.0.1");

            // exec: the console's output, exit status 0, the login and the command in the audit log
            String table = "ID       KIND       STATE   ENDPOINT               CONNS  ACCEPTED  IN  OUT  DETAIL\n"
                    + "default  websocket  ONLINE  ws://127.0.0.1:" + listener + "/      0         0   0    0  listening on ws://127.0.0.1:" + listener + "/\n";
            OpenSsh.Result list = ssh.exec(admin, "operator", "clasp.transport:list");
            assertThat(list.err()).isEmpty();
            assertThat(list.out()).isEqualTo(table);
            assertThat(list.exit()).isZero();
            assertThat(runtime.awaitLine("clasp.audit - ssh-login user=operator", WAIT))
                    .contains("key=" + adminKey + " remote=127.0.0.1:");
            assertThat(runtime.awaitLine("clasp.audit - admin-command user=ssh:operator@127.0.0.1:", WAIT))
                    .endsWith("/" + adminKey + " command=\"clasp.transport:list\"");

            // a failing command: the console's error text on stderr, exit status 1
            OpenSsh.Result missing = ssh.exec(admin, "operator", "clasp:nosuch");
            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.out()).isEmpty();
            assertThat(missing.err()).isEqualTo("org.apache.felix.gogo.runtime.CommandNotFoundException: Command not found: clasp:nosuch\n");

            // a key not in authorized_keys, and a client that wants a password: refused, publickey the only method
            OpenSsh.Result refused = ssh.exec(stranger, "operator", "clasp:status");
            assertThat(refused.exit()).isEqualTo(255);
            assertThat(refused.err()).contains("Permission denied (publickey).");
            assertThat(refused.out()).isEmpty();
            assertThat(runtime.awaitLine("clasp.audit - ssh-login-refused", WAIT))
                    .contains("user=operator remote=127.0.0.1:").endsWith("keys=" + strangerKey);
            OpenSsh.Result password = ssh.exec(admin, "operator", "clasp:status", "PreferredAuthentications=password,keyboard-interactive");
            assertThat(password.exit()).isEqualTo(255);
            assertThat(password.err()).contains("Permission denied (publickey).");

            // the interactive shell: prompt, the same output, exit ends the session (not the runtime)
            OpenSsh.Result shell = ssh.shell(admin, "operator", "g! ", "clasp.transport:list", "exit");
            assertThat(shell.exit()).isZero();
            // (what the terminal showed, escapes removed: line editing redraws the typed line as it highlights it)
            assertThat(shell.out()).contains("g! ").contains("clasp.transport:list\n" + table).endsWith("exit\n");
            assertThat(runtime.awaitLine("command=\"exit\"", WAIT)).contains("admin-command user=ssh:operator@127.0.0.1:");
            assertThat(runtime.process.isAlive()).isTrue();

            // a key added to authorized_keys counts from the next login
            Files.write(etc.resolve("ssh/authorized_keys"), Files.readAllBytes(Path.of(stranger + ".pub")), StandardOpenOption.APPEND);
            OpenSsh.Result admitted = ssh.exec(stranger, "second", "clasp.transport:list");
            assertThat(admitted.exit()).isZero();
            assertThat(admitted.out()).isEqualTo(table);

            // no configuration: no server, and none of its threads
            Files.delete(etc.resolve("clasp.shell.ssh.cfg"));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> listeningAddresses(port).isEmpty());
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(threadNames(runtime.process.pid())).noneMatch(n -> n.startsWith("clasp-ssh") || n.startsWith("sshd-")));
        }
    }

    /** The local addresses with a TCP socket listening on {@code port} (/proc/net/tcp and tcp6), as text. */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.exists(file)) continue;
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 4 || !fields[3].equals("0A")) continue;   // 0A: LISTEN
                String[] local = fields[1].split(":");
                if (local[1].equals(hexPort)) addresses.add(address(local[0]));
            }
        }
        return addresses;
    }

    /**
     * /proc/net/tcp's address: IPv4 as four little-endian bytes in hex, also inside an IPv4-mapped IPv6 address (Java
     * listens on ::ffff:127.0.0.1 for 127.0.0.1); other IPv6 addresses left as hex.
     */
    private static String address(String hex) {
        if (hex.length() == 32 && hex.startsWith("0000000000000000FFFF0000")) hex = hex.substring(24);
        if (hex.length() != 8) return hex;
        return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
                + Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
    }

    /** The names of the process's threads, as Linux keeps them (15 characters). */
    private static List<String> threadNames(long pid) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    names.add(Files.readString(task.resolve("comm")).trim());
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return names;
    }
}
