package clasp.itest;

import clasp.api.Value;
import clasp.api.message.ErrorMessage;
import clasp.api.message.GetMessage;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.PingMessage;
import clasp.api.message.PongMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.message.WelcomeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The exported runtime in authenticated mode ({@code etc/clasp.security.cfg} with {@code mode=authenticated}) in a
 * terminal, for the pentest suite: tokens are issued, minted, delegated and revoked at its Gogo shell as an
 * administrator does, clients connect over WebSocket with them, and an admin token reads back what was stored.
 */
final class SecureRuntime implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Pattern PRESHARED = Pattern.compile("cpsk_[0-9a-f]{32}");
    private static final Pattern CAPABILITY = Pattern.compile("\\bcap_[A-Za-z0-9_\\-]+");
    private static final Pattern PROMPT = Pattern.compile("g! ");

    final Path workDir;
    final int port;
    final RuntimeTerminal terminal;
    /** A token with every scope, to read back what was stored. */
    final String adminToken;

    private SecureRuntime(Path workDir, int port, RuntimeTerminal terminal) throws Exception {
        this.workDir = workDir;
        this.port = port;
        this.terminal = terminal;
        this.adminToken = issue("pentest-admin", "admin:/**, read:/**", null);
    }

    /**
     * Writes the listener, the discovery, authenticated mode and {@code etcFiles} (name → content) into
     * {@code workDir/etc}, starts the runtime in a terminal and waits for its shell and its WebSocket listener.
     * {@code beforeStart} runs once the files are written and just before the runtime starts.
     */
    static SecureRuntime start(Path workDir, Map<String, String> etcFiles, PortTask beforeStart) throws Exception {
        Path etc = workDir.resolve("etc");
        int port = RuntimeProcess.quietListener(etc);
        Files.writeString(etc.resolve("clasp.security.cfg"), "mode=authenticated\n");
        // Slow handshakes are closed after 2 s, not 10: the slowloris scenario waits for it.
        Files.writeString(etc.resolve("clasp.transport.websocket-default.cfg"), "handshakeTimeoutSeconds=2\n",
                java.nio.file.StandardOpenOption.APPEND);
        for (Map.Entry<String, String> f : etcFiles.entrySet()) Files.writeString(etc.resolve(f.getKey()), f.getValue());
        if (beforeStart != null) beforeStart.run(port);
        RuntimeTerminal terminal = RuntimeTerminal.start(RuntimeJar.fromSystemProperty(), workDir);
        try {
            terminal.await(0, Pattern.compile(Pattern.quote(RuntimeProcess.STATUS) + ".*all active"), STARTUP);
            terminal.awaitPrompt(WAIT);
            Eventually.until("the listener on " + port, WAIT, () -> Net.probe(port) > 0);
            return new SecureRuntime(workDir, port, terminal);
        } catch (Throwable failure) {
            String screen = terminal.screen();
            terminal.close();
            throw new AssertionError(failure.getMessage() + "\n--- the runtime's terminal ---\n" + screen, failure);
        }
    }

    /** Something done with the listener's port before the runtime starts. */
    interface PortTask {
        void run(int port) throws Exception;
    }

    /** {@code clasp.security:issue}: the {@code cpsk_} token it printed once. */
    String issue(String subject, String scopes, String expiry) throws Exception {
        String command = "clasp.security:issue " + subject + " \"" + scopes + "\"" + (expiry == null ? "" : " " + expiry);
        return shell(command, PRESHARED);
    }

    /** {@code clasp.security:mint}: the root {@code cap_} token signed by the runtime's key. */
    String mint(String scopes, String expiry) throws Exception {
        return shell("clasp.security:mint \"" + scopes + "\" " + expiry, CAPABILITY);
    }

    /** {@code clasp.security:delegate}: the delegated {@code cap_} token. */
    String delegate(String parent, String scopes, String expiry) throws Exception {
        return shell("clasp.security:delegate " + parent + " \"" + scopes + "\" " + expiry, CAPABILITY);
    }

    /** Runs a shell command; returns everything it printed up to the next prompt. */
    String shell(String command) throws Exception {
        int from = terminal.mark();
        terminal.type(command);
        Matcher prompt = terminal.await(from + 1, Pattern.compile("\\n(?s:.*?)" + PROMPT.pattern()), WAIT);
        String out = terminal.output();
        return out.substring(Math.min(from, out.length()), Math.min(prompt.end(), out.length()));
    }

    /**
     * Runs a shell command and returns the first match of {@code expected} that the command line itself does not
     * hold (its echo may be wrapped, so a piece of a token typed in it is no answer either).
     */
    private String shell(String command, Pattern expected) throws Exception {
        int from = terminal.mark();
        terminal.type(command);
        try {
            return Eventually.until("the answer to " + command.split(" ")[0], WAIT, () -> {
                Matcher m = expected.matcher(terminal.output());
                int at = from;
                while (m.find(at)) {
                    if (!command.contains(m.group())) return m.group();
                    at = m.end();
                }
                return null;
            }, found -> found != null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the terminal since:\n" + terminal.output().substring(from), e);
        }
    }

    /** A client with {@code token}, past WELCOME. */
    /** A client past WELCOME and the SNAPSHOT that follows it, so that what comes next is the reply to what it sends. */
    ClaspWebSocketClient connect(String name, String token) throws Exception {
        ClaspWebSocketClient c = ClaspWebSocketClient.connect(port, name, token);
        c.await(0, m -> m instanceof clasp.api.message.SnapshotMessage, WAIT);
        return c;
    }

    /** What a HELLO with {@code token} gets when it is refused: the ERROR, the close code, and no WELCOME. */
    record Refusal(int code, String message, int closeCode) { }

    Refusal refusedHello(String token) throws Exception {
        try (ClaspWebSocketClient c = ClaspWebSocketClient.open(port)) {
            c.send(new HelloMessage(1, Set.of(), "pentest-intruder", token));
            ErrorMessage e = (ErrorMessage) c.await(0, m -> m instanceof ErrorMessage || m instanceof WelcomeMessage, WAIT);
            int close = c.awaitClose(WAIT);
            if (c.received().stream().anyMatch(r -> r.message() instanceof WelcomeMessage)) throw new AssertionError("WELCOME sent");
            return new Refusal(e.code(), e.message(), close);
        } catch (ClassCastException welcomed) {
            throw new AssertionError("the HELLO with " + token + " was welcomed", welcomed);
        }
    }

    /** The stored values at {@code addresses} as the admin token reads them (absent: not stored). */
    Map<String, Value> read(List<String> addresses) throws Exception {
        try (ClaspWebSocketClient admin = connect("pentest-reader", adminToken)) {
            int from = admin.count();
            for (String a : addresses) admin.send(new GetMessage(a));
            List<Message> got = roundTrip(admin, from);
            // the initial SNAPSHOT may come in here too: only the GETs' addresses count, the later answer wins
            return got.stream().filter(m -> m instanceof SnapshotMessage).flatMap(m -> ((SnapshotMessage) m).params().stream())
                    .filter(p -> addresses.contains(p.address()))
                    .collect(Collectors.toMap(p -> p.address(), p -> p.value(), (a, b) -> b, java.util.TreeMap::new));
        }
    }

    /** Sends PING; returns what {@code client} received from position {@code from} until its PONG. */
    static List<Message> roundTrip(ClaspWebSocketClient client, int from) throws Exception {
        client.send(PingMessage.INSTANCE);
        client.await(from, m -> m instanceof PongMessage, WAIT);
        List<Message> got = client.since(from).stream().map(ClaspWebSocketClient.Received::message).collect(Collectors.toList());
        int pong = 0;
        while (!(got.get(pong) instanceof PongMessage)) pong++;
        return got.subList(0, pong);
    }

    /** Sends {@code m}, then a PING; returns what came back before the PONG. */
    static List<Message> request(ClaspWebSocketClient client, Message m) throws Exception {
        int from = client.count();
        client.send(m);
        return roundTrip(client, from);
    }

    /** The lines of {@code <clasp.data>/audit.log} so far. */
    List<String> auditLog() throws IOException {
        Path log = workDir.resolve("data").resolve("audit.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** Stops the runtime; its terminal output and audit log are kept in {@code <clasp.itest.dir>/<name>} to look at after a failure. */
    void close(String name) throws Exception {
        try {
            terminal.close();   // fails if the runtime reported a ByteBuf leak
        } finally {
            Path kept = Path.of(System.getProperty("clasp.itest.dir", "target/itest")).resolve(name);
            Files.createDirectories(kept);
            Files.writeString(kept.resolve("terminal.log"), terminal.output());
            Files.write(kept.resolve("audit.log"), auditLog());
        }
    }

    @Override
    public void close() throws Exception {
        close(workDir.getFileName().toString());
    }
}
