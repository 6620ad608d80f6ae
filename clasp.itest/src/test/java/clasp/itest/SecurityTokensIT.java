package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.AckMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.WelcomeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pentest, tokens (docs/security.md "Pentest suite"): the exported runtime in authenticated mode refuses the very first
 * connection without a token, forged, tampered, grafted, expired and revoked tokens, unknown token kinds and
 * delegations wider than their parent; a valid token is accepted by the Java client, the published JS client and the
 * MQTT adapter (as the CONNECT password). Every refusal is ERROR 300/302 with the §11 text, then a close (1008) and no
 * WELCOME. One runtime for the class; tokens are issued, minted, delegated and revoked at its shell.
 */
class SecurityTokensIT {
    private static final Duration WAIT = SecureRuntime.WAIT;
    private static final String CLOSED_TEXT = "Invalid token: credentials no longer valid";

    @TempDir
    static Path workDir;

    private static SecureRuntime runtime;
    private static int mqttPort;
    /** What the first connection the listener accepted got for a HELLO without a token. */
    private static final CompletableFuture<String> FIRST_CONNECTION = new CompletableFuture<>();
    private static Thread firstConnectionProbe;

    @BeforeAll
    static void startAnAuthenticatedRuntime() throws Exception {
        mqttPort = Net.freePort();
        runtime = SecureRuntime.start(workDir,
                Map.of("clasp.transport.mqtt-pentest.cfg", "host=127.0.0.1\nport=" + mqttPort + "\n"),
                SecurityTokensIT::probeTheFirstConnection);
    }

    @AfterAll
    static void stopTheRuntime() throws Exception {
        if (firstConnectionProbe != null) firstConnectionProbe.interrupt();
        if (runtime != null) runtime.close("SecurityTokensIT");
    }

    /** From before the runtime starts: connects as soon as the listener accepts and says HELLO without a token. */
    private static void probeTheFirstConnection(int port) {
        firstConnectionProbe = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline && !FIRST_CONNECTION.isDone()) {
                ClaspWebSocketClient c;
                try {
                    c = ClaspWebSocketClient.open(port);
                } catch (Exception notListening) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                try (c) {
                    c.send(new HelloMessage(1, Set.of(), "first", null));
                    Message m = c.await(0, x -> x instanceof ErrorMessage || x instanceof WelcomeMessage, WAIT);
                    FIRST_CONNECTION.complete(m instanceof ErrorMessage e ? "ERROR " + e.code() + " " + e.message()
                            + ", closed " + c.awaitClose(WAIT) : "WELCOME");
                } catch (Throwable e) {
                    FIRST_CONNECTION.complete("failed: " + e);
                }
            }
        }, "pentest-first-connection");
        firstConnectionProbe.setDaemon(true);
        firstConnectionProbe.start();
    }

    /**
     * Gained if it failed: a window at start (before the security configuration is read) in which any guest device
     * connects unauthenticated with every scope.
     */
    @Test
    void theVeryFirstConnectionIsAlreadyAuthenticated() throws Exception {
        assertThat(FIRST_CONNECTION.get(60, TimeUnit.SECONDS)).isEqualTo("ERROR 300 Authentication required, closed 1008");
    }

    /** Gained if it failed: every param read and written by anyone on the network, no token needed. */
    @Test
    void aHelloWithoutTokenIsRefusedAndClosedWithoutWelcome() throws Exception {
        assertThat(runtime.refusedHello(null)).isEqualTo(new SecureRuntime.Refusal(300, "Authentication required", 1008));
    }

    /** Gained if it failed: access by guessing or inventing a pre-shared token. */
    @Test
    void anInventedPresharedTokenIsNotFound() throws Exception {
        String invented = "cpsk_" + UUID.randomUUID().toString().replace("-", "");
        assertThat(runtime.refusedHello(invented)).isEqualTo(new SecureRuntime.Refusal(300, "Invalid token: token not found", 1008));
    }

    /** Gained if it failed: access with a token of a kind no validator knows (a JWT, a bearer string). */
    @Test
    void aTokenOfNoKnownKindIsRefused() throws Exception {
        assertThat(runtime.refusedHello("Bearer eyJhbGciOiJub25lIn0.e30."))
                .isEqualTo(new SecureRuntime.Refusal(300, "Invalid token: no validator accepted the token", 1008));
    }

    /** Gained if it failed: anyone can mint their own admin token with a key of their own. */
    @Test
    void aSelfSignedCapabilityIsFromAnUntrustedIssuer() throws Exception {
        ForgedTokens forged = new ForgedTokens();
        assertThat(runtime.refusedHello(forged.selfSignedRoot(List.of("admin:/**", "read:/**"))))
                .isEqualTo(new SecureRuntime.Refusal(300, "Invalid token: untrusted issuer: " + forged.attackerKeyHex(), 1008));
    }

    /** Gained if it failed: a holder widens a genuine token's scopes or expiry by editing it. */
    @Test
    void aGenuineCapabilityWithEditedScopesOrExpiryFailsItsSignature() throws Exception {
        String genuine = runtime.mint("read:/house/**", "1h");
        assertThat(runtime.refusedHello(ForgedTokens.withScopes(genuine, List.of("admin:/**"))))
                .isEqualTo(new SecureRuntime.Refusal(300, "Invalid token: invalid signature", 1008));
        assertThat(runtime.refusedHello(ForgedTokens.withLaterExpiry(genuine)))
                .isEqualTo(new SecureRuntime.Refusal(300, "Invalid token: invalid signature", 1008));
    }

    /**
     * Gained if it failed: a holder of a narrow genuine token grafts a wider child onto it with their own key and gets
     * the child's scopes (over-delegation).
     */
    @Test
    void aWiderChildGraftedOntoAGenuineTokenIsRefused() throws Exception {
        ForgedTokens forged = new ForgedTokens();
        String genuine = runtime.mint("write:/house/lights/*", "1h");
        SecureRuntime.Refusal wider = runtime.refusedHello(forged.graftedOnto(genuine, List.of("admin:/**")));
        assertThat(wider.code()).isEqualTo(300);
        assertThat(wider.message()).isEqualTo("Invalid token: scope attenuation violation: admin:/** not within write:/house/lights/*");
        assertThat(wider.closeCode()).isEqualTo(1008);
        // narrower, but signed by a key the parent does not delegate to
        SecureRuntime.Refusal narrower = runtime.refusedHello(forged.graftedOnto(genuine, List.of("write:/house/lights/1")));
        assertThat(narrower.message()).startsWith("Invalid token: invalid proof chain: the token at depth 1 is signed by "
                + forged.attackerKeyHex() + ", not by the key its parent delegates to");
    }

    /**
     * Gained if it failed: a chain longer than {@code maxDelegationDepth} (5) is verified link by link at the
     * attacker's cost to the router, or accepted.
     */
    @Test
    void aDelegationChainDeeperThanAllowedIsRefused() throws Exception {
        ForgedTokens forged = new ForgedTokens();
        String chain = forged.selfSignedRoot(List.of("admin:/**"));
        for (int i = 0; i < 6; i++) chain = forged.graftedOnto(chain, List.of("admin:/**"));
        assertThat(runtime.refusedHello(chain))
                .isEqualTo(new SecureRuntime.Refusal(300, "Invalid token: delegation chain too deep: 6 exceeds max 5", 1008));
    }

    /**
     * Gained if it failed: a crash or a welcome from a token that is not one: bad base64, nothing after the prefix,
     * random bytes, 10 000 bytes of garbage, a 10 000-character client name.
     */
    @Test
    void malformedCapabilityTokensAreRefusedWithoutAWelcome() throws Exception {
        String garbage = Base64.getUrlEncoder().withoutPadding().encodeToString("A".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
        for (String token : List.of("cap_!!!not-valid!!!", "cap_", "cap_3q2-7wECAwQ", "cap_" + garbage)) {
            SecureRuntime.Refusal r = runtime.refusedHello(token);
            assertThat(r.code()).as(token).isEqualTo(300);
            assertThat(r.message()).as(token).startsWith("Invalid token: ");
            assertThat(r.closeCode()).as(token).isEqualTo(1008);
        }
        try (ClaspWebSocketClient c = ClaspWebSocketClient.open(runtime.port)) {
            c.send(new HelloMessage(1, Set.of(), "n".repeat(10_000), null));
            assertThat(c.await(0, m -> m instanceof ErrorMessage || m instanceof WelcomeMessage, WAIT))
                    .isEqualTo(new ErrorMessage(300, "Authentication required"));
            assertThat(c.awaitClose(WAIT)).isEqualTo(1008);
        }
    }

    /** Gained if it failed: the administrator's own tool widens a token by delegation. */
    @Test
    void theShellRefusesToDelegateWiderScopes() throws Exception {
        String root = runtime.mint("write:/house/lights/*", "1h");
        String out = runtime.shell("clasp.security:delegate " + root + " \"write:/house/**\" 1h");
        assertThat(out).contains("scope attenuation violation");
        Matcher printed = Pattern.compile("cap_[A-Za-z0-9_-]+").matcher(out);
        while (printed.find()) assertThat(root).as("a token in the output that is not the one typed").startsWith(printed.group());
    }

    /**
     * Gained if it failed (either way): a narrower delegation is useless, or a delegated token writes outside its
     * own scopes (those of its parent).
     */
    @Test
    void aNarrowerDelegationIsAcceptedAndHeldToItsOwnScopes() throws Exception {
        String root = runtime.mint("write:/deleg/**", "1h");
        String child = runtime.delegate(root, "write:/deleg/lights/*", "30d");
        try (ClaspWebSocketClient c = runtime.connect("delegated", child)) {
            assertThat(ack(c, new SetMessage("/deleg/lights/1", Value.of(7L)))).isInstanceOf(AckMessage.class);
            ErrorMessage refused = (ErrorMessage) ack(c, new SetMessage("/deleg/stage/1", Value.of(7L)));
            assertThat(refused).isEqualTo(new ErrorMessage(301, "Insufficient scope for write operation", "/deleg/stage/1", null));
        }
        assertThat(runtime.read(List.of("/deleg/lights/1", "/deleg/stage/1"))).isEqualTo(Map.of("/deleg/lights/1", Value.of(7L)));
    }

    /** Gained if it failed: a token taken from a departed employee or a lost phone keeps working after revocation. */
    @Test
    void aRevokedTokenClosesItsSessionAndIsNotFoundWhenReplayed() throws Exception {
        String token = runtime.issue("lost-phone", "write:/revoke/**", null);
        String other = runtime.issue("bystander", "write:/revoke/**", null);
        try (ClaspWebSocketClient phone = runtime.connect("lost phone", token);
             ClaspWebSocketClient bystander = runtime.connect("bystander", other)) {
            assertThat(ack(phone, new SetMessage("/revoke/a", Value.of(1L)))).isInstanceOf(AckMessage.class);
            assertThat(runtime.shell("clasp.security:revoke lost-phone")).contains("revoked 1 token(s)");
            phone.await(0, m -> m instanceof ErrorMessage e && e.code() == 300 && e.message().equals(CLOSED_TEXT), WAIT);
            assertThat(phone.awaitClose(WAIT)).isEqualTo(1008);
            assertThat(ack(bystander, new SetMessage("/revoke/b", Value.of(2L)))).isInstanceOf(AckMessage.class);
        }
        assertThat(runtime.refusedHello(token)).isEqualTo(new SecureRuntime.Refusal(300, "Invalid token: token not found", 1008));
        assertThat(runtime.read(List.of("/revoke/a", "/revoke/b"))).isEqualTo(Map.of("/revoke/a", Value.of(1L), "/revoke/b", Value.of(2L)));
        Eventually.until("the audit line of the closed session", WAIT, runtime::auditLog,
                lines -> lines.stream().anyMatch(l -> l.contains("session-closed principal=\"lost-phone [cpsk:")
                        && l.contains("reason=\"credentials no longer valid\"")));
    }

    /** Gained if it failed: a token keeps working, in open sessions and new ones, after its expiry. */
    @Test
    void anExpiredTokenClosesItsSessionAndIsRefusedWith302() throws Exception {
        String token = runtime.issue("day-pass", "read:/**", "3s");
        try (ClaspWebSocketClient c = runtime.connect("day pass", token)) {
            c.await(0, m -> m instanceof ErrorMessage e && e.code() == 300 && e.message().equals(CLOSED_TEXT), Duration.ofSeconds(60));
            assertThat(c.awaitClose(WAIT)).isEqualTo(1008);
        }
        assertThat(runtime.refusedHello(token)).isEqualTo(new SecureRuntime.Refusal(302, "Token has expired", 1008));
        String capability = runtime.mint("read:/**", "2020-01-01T00:00:00Z");
        assertThat(runtime.refusedHello(capability)).isEqualTo(new SecureRuntime.Refusal(302, "Token has expired", 1008));
    }

    /**
     * Gained if it failed: a second HELLO on an authenticated connection, with a forged or another token, swaps the
     * session's scopes for wider ones without a check.
     */
    @Test
    void aSecondHelloKeepsTheScopesOfTheFirst() throws Exception {
        String narrow = runtime.issue("rehello", "write:/rehello/mine", null);
        String forged = new ForgedTokens().selfSignedRoot(List.of("admin:/**"));
        try (ClaspWebSocketClient c = runtime.connect("rehello", narrow)) {
            int from = c.count();
            c.send(new HelloMessage(1, Set.of(), "rehello again", forged));
            c.await(from, m -> m instanceof WelcomeMessage, WAIT);
            assertThat(ack(c, new SetMessage("/rehello/other", Value.of(1L))))
                    .isEqualTo(new ErrorMessage(301, "Insufficient scope for write operation", "/rehello/other", null));
            assertThat(ack(c, new SetMessage("/rehello/mine", Value.of(2L)))).isInstanceOf(AckMessage.class);
        }
        assertThat(runtime.read(List.of("/rehello/other", "/rehello/mine"))).isEqualTo(Map.of("/rehello/mine", Value.of(2L)));
    }

    /**
     * Gained if it failed (either way): browser and Node clients (the published JS client) cannot use tokens, or get
     * in without one.
     */
    @Test
    void thePublishedJsClientIsWelcomedWithItsTokenAndRefusedWithout() throws Exception {
        String token = runtime.issue("js-client", "write:/js/**, read:/js/**", null);
        try (NodeScript with = new NodeScript(runtime.port, "security-client.mjs", token, "/js/value")) {
            with.awaitSuccess(Duration.ofSeconds(60));
            assertThat(with.facts("welcomed")).containsExactly("true");
            assertThat(with.facts("value")).containsExactly("42");
        }
        try (NodeScript without = new NodeScript(runtime.port, "security-client.mjs", "-", "/js/intruder")) {
            without.awaitSuccess(Duration.ofSeconds(60));
            assertThat(without.facts("refused")).containsExactly("300 \"Authentication required\"");
            assertThat(without.facts("closed")).containsExactly("\"authentication failed\"");
        }
        // JavaScript numbers are floats
        assertThat(runtime.read(List.of("/js/value", "/js/intruder"))).isEqualTo(Map.of("/js/value", Value.of(42.0)));
    }

    /** Gained if it failed: MQTT devices bypass authentication, the adapter being a side door. */
    @Test
    void anMqttPasswordIsTheTokenAndAWrongOneIsNotAuthorised() throws Exception {
        String token = runtime.issue("mqtt-sensor", "write:/mqtt/**", null);
        Eventually.until("the MQTT adapter listening", WAIT, () -> Net.probe(mqttPort) != 0);
        MosquittoClients.Published ok = MosquittoClients.publish(mqttPort, "-u", "sensor", "-P", token, "-t", "mqtt/temp", "-m", "21");
        assertThat(ok.output()).contains("received CONNACK (0)");
        assertThat(ok.exitCode()).isZero();
        MosquittoClients.Published wrong = MosquittoClients.publish(mqttPort, "-u", "sensor", "-P",
                "cpsk_" + UUID.randomUUID().toString().replace("-", ""), "-t", "mqtt/temp", "-m", "99");
        assertThat(wrong.output()).contains("received CONNACK (5)");
        assertThat(wrong.exitCode()).isNotZero();
        MosquittoClients.Published none = MosquittoClients.publish(mqttPort, "-t", "mqtt/temp", "-m", "98");
        assertThat(none.output()).contains("received CONNACK (5)");
        assertThat(runtime.read(List.of("/mqtt/temp")).get("/mqtt/temp")).isNotIn(Value.of(99L), Value.of(98L));
    }

    /** Sends {@code m} and returns the first ACK or ERROR before the PONG of a PING behind it. */
    private static Message ack(ClaspWebSocketClient c, Message m) throws Exception {
        return SecureRuntime.request(c, m).stream().filter(x -> x instanceof AckMessage || x instanceof ErrorMessage)
                .findFirst().orElseThrow(() -> new AssertionError("neither ACK nor ERROR for " + m));
    }
}
