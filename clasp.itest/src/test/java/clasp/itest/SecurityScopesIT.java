package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.AckMessage;
import clasp.api.message.BundleMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.GetMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.ReplayMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.message.SubscribeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pentest, scopes (docs/security.md "Pentest suite"): a narrow token cannot write or read outside its scopes by path
 * tricks (wildcards, {@code ..}, look-alike characters, empty segments, case), by a SUBSCRIBE or REPLAY wider than its
 * read scope, or through bundles, scheduled bundles, timelines and write hooks (a scale transform); values outside a
 * range and writes faster than a rate are refused with ERROR 403 naming the constraint. Every refusal is checked by
 * reading back with an admin token that nothing was written. One runtime for the class, in authenticated mode, with a
 * scale hook on {@code /mixer/*}{@code /gain} configured in etc.
 */
class SecurityScopesIT {
    private static final String NO_WRITE = "Insufficient scope for write operation";
    private static final String LIGHTS_RANGE = "Constraint range 0..255 of write:/house/lights/*";

    @TempDir
    static Path workDir;

    private static SecureRuntime runtime;
    /** read:/house/**, write:/house/lights/* within 0..255 */
    private static String lights;
    /** read:/a/* */
    private static String reader;

    @BeforeAll
    static void startAnAuthenticatedRuntime() throws Exception {
        runtime = SecureRuntime.start(workDir,
                Map.of("clasp.hook.scale-pentest.cfg", "pattern=/mixer/*/gain\nscale=10\n"), null);
        lights = runtime.issue("lx-remote", "read:/house/**, write:/house/lights/*|range=0..255", null);
        reader = runtime.issue("a-reader", "read:/a/*", null);
    }

    @AfterAll
    static void stopTheRuntime() throws Exception {
        if (runtime != null) runtime.close("SecurityScopesIT");
    }

    /**
     * Gained if it failed: writes anywhere by addresses that a naive prefix or normalising check takes for granted
     * ones: {@code ..}, a Cyrillic {@code і}, an empty segment, a trailing slash, other case, the parent itself, a
     * deeper child.
     */
    @Test
    void pathTricksAreAddressesOfTheirOwnThatTheScopeDoesNotMatch() throws Exception {
        List<String> tricks = List.of("/house/lights/../secret", "/house/l\u0456ghts/1", "/house/lights//1", "/house/lights/1/",
                "/house/Lights/1", "/house/lights", "/house/lights/1/2");
        try (ClaspWebSocketClient c = runtime.connect("lx remote", lights)) {
            for (String address : tricks) {
                assertThat(reply(c, new SetMessage(address, Value.of(1L)))).as(address)
                        .isEqualTo(new ErrorMessage(301, NO_WRITE, address, null));
            }
            assertThat(reply(c, new SetMessage("/house/lights/1", Value.of(1L)))).isInstanceOf(AckMessage.class);
        }
        assertThat(runtime.read(tricks)).isEmpty();
        Eventually.until("the audit line of a refused trick", SecureRuntime.WAIT, runtime::auditLog,
                lines -> lines.stream().anyMatch(l -> l.contains("denied principal=\"lx-remote [cpsk:")
                        && l.contains("request=SET address=\"/house/lights/../secret\" code=301 reason=\"" + NO_WRITE + "\"")));
    }

    /**
     * Gained if it failed: a SET to {@code /house/lights/*} or {@code /house/lights/**} blacks out every light at
     * once, or reaches below the scope. A SET address is never a pattern (§4.1): each is one param of that literal
     * name, one segment under {@code /house/lights}, which the scope grants; the other lights keep their values.
     */
    @Test
    void wildcardsInASetAddressAreLiteralNamesNotPatterns() throws Exception {
        try (ClaspWebSocketClient c = runtime.connect("lx remote", lights)) {
            assertThat(reply(c, new SetMessage("/house/lights/7", Value.of(200L)))).isInstanceOf(AckMessage.class);
            assertThat(reply(c, new SetMessage("/house/lights/*", Value.of(0L)))).isInstanceOf(AckMessage.class);
            assertThat(reply(c, new SetMessage("/house/lights/**", Value.of(0L)))).isInstanceOf(AckMessage.class);
            assertThat(reply(c, new SetMessage("/house/*", Value.of(0L))))
                    .isEqualTo(new ErrorMessage(301, NO_WRITE, "/house/*", null));
        }
        assertThat(runtime.read(List.of("/house/lights/7", "/house/lights/*", "/house/lights/**", "/house/*"))).isEqualTo(Map.of(
                "/house/lights/7", Value.of(200L), "/house/lights/*", Value.of(0L), "/house/lights/**", Value.of(0L)));
    }

    /**
     * Gained if it failed: every param of the show read by merely connecting: the SNAPSHOT after WELCOME holds only
     * what the token may read (§14.6 hardening).
     */
    @Test
    void theSnapshotAfterWelcomeHoldsOnlyReadableParams() throws Exception {
        Map<String, Value> writes = new LinkedHashMap<>();
        writes.put("/secret/code", Value.of(4321L));
        writes.put("/a/visible", Value.of(1L));
        runtimeAdminSets(writes);
        try (ClaspWebSocketClient c = runtime.connect("a reader", reader)) {
            List<String> shown = SecureRuntime.roundTrip(c, 0).stream().filter(m -> m instanceof SnapshotMessage)
                    .flatMap(m -> ((SnapshotMessage) m).params().stream()).map(p -> p.address()).toList();
            assertThat(shown).contains("/a/visible").allMatch(a -> a.matches("/a/[^/]*"));
        }
    }

    /** Gained if it failed: reading params outside the read scopes with GET. */
    @Test
    void aGetOutsideTheReadScopesIsRefused() throws Exception {
        runtimeAdminSets(Map.of("/secret/pin", Value.of(1234L)));
        try (ClaspWebSocketClient c = runtime.connect("lx remote", lights)) {
            assertThat(SecureRuntime.request(c, new GetMessage("/secret/pin")))
                    .containsExactly(new ErrorMessage(301, "Insufficient scope for read operation", "/secret/pin", null));
        }
    }

    /**
     * Gained if it failed: with only {@code read:/a/*} a client subscribes to {@code /**} (or any pattern wider than
     * its scope) or replays it, and receives every param and event of the show; write scopes let one read.
     */
    @Test
    void aSubscriptionOrReplayWiderThanTheReadScopeIsRefused() throws Exception {
        String writeOnly = runtime.issue("w-only", "write:/a/*", null);
        try (ClaspWebSocketClient c = runtime.connect("a reader", reader);
             ClaspWebSocketClient w = runtime.connect("write only", writeOnly)) {
            for (String pattern : List.of("/**", "/*", "/a/**", "/a/x/*", "/a/*/y", "/b/*")) {
                assertThat(SecureRuntime.request(c, new SubscribeMessage(1, pattern))).as(pattern)
                        .containsExactly(new ErrorMessage(301, "Insufficient scope for subscription", pattern, null));
            }
            assertThat(SecureRuntime.request(c, new ReplayMessage("/**", null, null, null, Set.of())))
                    .containsExactly(new ErrorMessage(301, "Insufficient scope for replay", "/**", null));
            assertThat(SecureRuntime.request(w, new SubscribeMessage(1, "/a/*")))
                    .containsExactly(new ErrorMessage(301, "Insufficient scope for subscription", "/a/*", null));

            assertThat(SecureRuntime.request(c, new SubscribeMessage(2, "/a/*"))).isEmpty();
            int from = c.count();
            Map<String, Value> writes = new LinkedHashMap<>();
            writes.put("/b/x", Value.of(1L));
            writes.put("/a/x/y", Value.of(2L));
            writes.put("/a/x", Value.of(3L));
            runtimeAdminSets(writes);
            c.await(from, m -> m instanceof SetMessage s && s.address().equals("/a/x"), SecureRuntime.WAIT);
            List<String> delivered = SecureRuntime.roundTrip(c, from).stream()
                    .map(m -> m instanceof SetMessage s ? s.address() : m.toString()).toList();
            assertThat(delivered).containsExactly("/a/x");
        }
    }

    /** Gained if it failed: one allowed item carries a forbidden one through a BUNDLE, or part of it is applied. */
    @Test
    void aBundleWithAnItemOutsideTheScopesOrRangeAppliesNothing() throws Exception {
        try (ClaspWebSocketClient c = runtime.connect("lx remote", lights)) {
            assertThat(reply(c, new BundleMessage(null, List.of(new SetMessage("/house/lights/20", Value.of(5L)),
                    new SetMessage("/house/stage/1", Value.of(5L))))))
                    .isEqualTo(refusedInBundle("SET", "/house/stage/1"));
            assertThat(reply(c, new BundleMessage(null, List.of(new SetMessage("/house/lights/21", Value.of(5L)),
                    PublishMessage.event("/house/alarm", Value.of(true))))))
                    .isEqualTo(refusedInBundle("PUBLISH", "/house/alarm"));
            assertThat(reply(c, new BundleMessage(null, List.of(new SetMessage("/house/lights/22", Value.of(5L)),
                    new SetMessage("/house/lights/23", Value.of(300L))))))
                    .isEqualTo(new ErrorMessage(403, "Bundle rejected: " + LIGHTS_RANGE + " refuses 300", "/house/lights/23", null));
        }
        assertThat(runtime.read(List.of("/house/lights/20", "/house/stage/1", "/house/lights/21", "/house/lights/22",
                "/house/lights/23"))).isEmpty();
    }

    /**
     * Gained if it failed: a bundle scheduled ahead escapes the checks (made on receipt for scopes, when it runs for
     * constraints), writing outside the scopes or out of range later.
     */
    @Test
    void aScheduledBundleIsCheckedOnReceiptAndWhenItRuns() throws Exception {
        try (ClaspWebSocketClient c = runtime.connect("lx remote", lights)) {
            long soon = System.currentTimeMillis() * 1000 + 2_000_000;   // still ahead when it arrives on a busy machine
            assertThat(reply(c, new BundleMessage(soon, List.of(new SetMessage("/house/lights/30", Value.of(5L)),
                    new SetMessage("/house/stage/2", Value.of(5L))))))
                    .isEqualTo(refusedInBundle("SET", "/house/stage/2"));
            int from = c.count();
            assertThat(reply(c, new BundleMessage(soon, List.of(new SetMessage("/house/lights/31", Value.of(5L)),
                    new SetMessage("/house/lights/32", Value.of(999L)))))).isInstanceOf(AckMessage.class);
            ErrorMessage later = (ErrorMessage) c.await(from, m -> m instanceof ErrorMessage, SecureRuntime.WAIT);
            assertThat(later).isEqualTo(new ErrorMessage(403, "Bundle rejected: " + LIGHTS_RANGE + " refuses 999", "/house/lights/32", null));
        }
        assertThat(runtime.read(List.of("/house/lights/30", "/house/stage/2", "/house/lights/31", "/house/lights/32"))).isEmpty();
    }

    /**
     * Gained if it failed: a timeline (the router SETs its curve over time) writes where a SET is refused, or values a
     * ranged scope refuses.
     */
    @Test
    void aTimelineCannotWriteWhatASetCannot() throws Exception {
        String cues = runtime.issue("cue-runner", "write:/tl/*, write:/house/lights/*|range=0..255", null);
        try (ClaspWebSocketClient c = runtime.connect("cue runner", cues)) {
            assertThat(reply(c, timeline("/house/secret", 0, 1000)))
                    .isEqualTo(new ErrorMessage(301, "Insufficient scope for publish operation", "/house/secret", null));
            assertThat(reply(c, timeline("/house/lights/40", 0, 1000)))
                    .isEqualTo(new ErrorMessage(403, LIGHTS_RANGE + " refuses a map value", "/house/lights/40", null));
            assertThat(reply(c, timeline("/tl/fade", 0, 7))).isInstanceOf(AckMessage.class);
        }
        Eventually.until("the timeline's last keyframe at /tl/fade", SecureRuntime.WAIT,
                () -> runtime.read(List.of("/tl/fade")).get("/tl/fade"), v -> Value.of(7L).equals(v) || Value.of(7.0).equals(v));
        assertThat(runtime.read(List.of("/house/secret", "/house/lights/40"))).isEmpty();
    }

    /**
     * Gained if it failed: writes after the token was revoked, by a bundle scheduled ahead or a looping timeline
     * started before (both outlive their sender's connection).
     */
    @Test
    void scheduledBundlesAndTimelinesStopWhenTheirTokenIsRevoked() throws Exception {
        String late = runtime.issue("late-writer", "write:/late/*", null);
        long at = System.currentTimeMillis() * 1000 + 4_000_000;   // still ahead once the token is revoked below
        try (ClaspWebSocketClient c = runtime.connect("late writer", late)) {
            assertThat(reply(c, new BundleMessage(at, List.of(new SetMessage("/late/scheduled", Value.of(1L))))))
                    .isInstanceOf(AckMessage.class);
            assertThat(reply(c, timeline("/late/loop", 0, 100, true))).isInstanceOf(AckMessage.class);
            Eventually.until("the timeline playing", SecureRuntime.WAIT, () -> runtime.read(List.of("/late/loop")), m -> !m.isEmpty());
            assertThat(runtime.shell("clasp.security:revoke late-writer")).contains("revoked 1 token(s)");
            c.awaitClose(SecureRuntime.WAIT);
        }
        // the admin's bundle runs after the revoked one was due: once it is applied, the other ran or was dropped
        try (ClaspWebSocketClient admin = runtime.connect("admin", runtime.adminToken)) {
            assertThat(reply(admin, new BundleMessage(at + 500_000, List.of(new SetMessage("/late/marker", Value.of(1L))))))
                    .isInstanceOf(AckMessage.class);
        }
        Eventually.until("the admin's scheduled bundle applied", SecureRuntime.WAIT,
                () -> runtime.read(List.of("/late/marker")), m -> !m.isEmpty());
        long before = revision("/late/loop");
        try (ClaspWebSocketClient admin = runtime.connect("admin", runtime.adminToken)) {   // ~ a few timeline frames later
            assertThat(reply(admin, new BundleMessage(System.currentTimeMillis() * 1000 + 300_000,
                    List.of(new SetMessage("/late/marker", Value.of(2L)))))).isInstanceOf(AckMessage.class);
        }
        Eventually.until("the admin's second bundle applied", SecureRuntime.WAIT,
                () -> runtime.read(List.of("/late/marker")), m -> Value.of(2L).equals(m.get("/late/marker")));
        assertThat(runtime.read(List.of("/late/scheduled"))).isEmpty();
        assertThat(revision("/late/loop")).as("revision of the timeline's param after the revocation").isEqualTo(before);
    }

    /**
     * Gained if it failed: a write hook (here the scale transform, ×10) lands a value the range refuses: the
     * constraint must see the value as stored, not as sent.
     */
    @Test
    void aTransformedValueOutsideTheRangeIsRefused() throws Exception {
        String mixer = runtime.issue("mixer-remote", "write:/mixer/*/gain|range=0..1", null);
        try (ClaspWebSocketClient c = runtime.connect("mixer remote", mixer)) {
            assertThat(reply(c, new SetMessage("/mixer/ch1/gain", Value.of(0.5))))
                    .isEqualTo(new ErrorMessage(403, "Constraint range 0..1 of write:/mixer/*/gain refuses 5", "/mixer/ch1/gain", null));
            assertThat(reply(c, new SetMessage("/mixer/ch2/gain", Value.of(0.05)))).isInstanceOf(AckMessage.class);
        }
        assertThat(runtime.read(List.of("/mixer/ch1/gain", "/mixer/ch2/gain"))).isEqualTo(Map.of("/mixer/ch2/gain", Value.of(0.5)));
    }

    /** Gained if it failed: a remote for dimmers (0..255) drives them to any value, or sneaks one in an array. */
    @Test
    void valuesOutsideTheRangeAreRefusedWithTheConstraintNamed() throws Exception {
        Map<Value, String> refused = new LinkedHashMap<>();
        refused.put(Value.of(300L), "300");
        refused.put(Value.of(-1L), "-1");
        refused.put(Value.of(255.5), "255.5");
        refused.put(Value.of("full"), "a string value");
        refused.put(Value.of(List.of(Value.of(1L), Value.of(300L))), "300 in an array");
        try (ClaspWebSocketClient c = runtime.connect("lx remote", lights)) {
            for (Map.Entry<Value, String> r : refused.entrySet()) {
                assertThat(reply(c, new SetMessage("/house/lights/50", r.getKey()))).as(r.getValue())
                        .isEqualTo(new ErrorMessage(403, LIGHTS_RANGE + " refuses " + r.getValue(), "/house/lights/50", null));
            }
            assertThat(reply(c, PublishMessage.event("/house/lights/51", Value.of(256L))))
                    .isEqualTo(new ErrorMessage(403, LIGHTS_RANGE + " refuses 256", "/house/lights/51", null));
            assertThat(reply(c, new SetMessage("/house/lights/52", Value.of(255L)))).isInstanceOf(AckMessage.class);
        }
        assertThat(runtime.read(List.of("/house/lights/50", "/house/lights/52"))).isEqualTo(Map.of("/house/lights/52", Value.of(255L)));
    }

    /** Gained if it failed: a client with a rate-limited scope hammers a param (strobe, motor) as fast as it likes. */
    @Test
    void writesBeyondTheRateAreRefusedAndNotApplied() throws Exception {
        String strobe = runtime.issue("strobe", "write:/rate/*|rate=2", null);
        int sent = 100;
        List<Message> replies;
        try (ClaspWebSocketClient c = runtime.connect("strobe", strobe)) {
            int from = c.count();
            for (int i = 1; i <= sent; i++) c.send(new SetMessage("/rate/x", Value.of((long) i)));
            replies = SecureRuntime.roundTrip(c, from);
        }
        List<Long> acked = new ArrayList<>();
        int refusals = 0;
        for (int i = 0; i < replies.size(); i++) {
            Message m = replies.get(i);
            if (m instanceof AckMessage) acked.add((long) i + 1);
            if (m instanceof ErrorMessage e) {
                assertThat(e).isEqualTo(new ErrorMessage(403, "Constraint rate 2/s of write:/rate/* exceeded at /rate/x", "/rate/x", null));
                refusals++;
            }
        }
        assertThat(replies).hasSize(sent);   // one reply per SET, in order
        assertThat(acked).hasSizeGreaterThanOrEqualTo(1);
        assertThat(refusals).isGreaterThan(sent / 2);
        assertThat(runtime.read(List.of("/rate/x"))).isEqualTo(Map.of("/rate/x", Value.of(acked.get(acked.size() - 1))));
    }

    /** A timeline PUBLISH from {@code from} to {@code to} over 200 ms. */
    private static PublishMessage timeline(String address, long from, long to) {
        return timeline(address, from, to, false);
    }

    private static PublishMessage timeline(String address, long from, long to, boolean loop) {
        Value keyframes = Value.of(List.of(
                Value.of(Map.of("time", Value.of(0L), "value", Value.of(from))),
                Value.of(Map.of("time", Value.of(200_000L), "value", Value.of(to)))));
        return new PublishMessage(address, SignalType.TIMELINE, Value.of(Map.of("keyframes", keyframes, "loop", Value.of(loop))),
                null, null, null, GesturePhase.START, null);
    }

    /** The revision of the param at {@code address}, as the admin token reads it. */
    private static long revision(String address) throws Exception {
        try (ClaspWebSocketClient admin = runtime.connect("admin", runtime.adminToken)) {
            return SecureRuntime.request(admin, new GetMessage(address)).stream().filter(m -> m instanceof SnapshotMessage)
                    .map(m -> ((SnapshotMessage) m).params().get(0).revision()).findFirst().orElseThrow();
        }
    }

    /** The ERROR 403 of a bundle with a {@code request} outside the scopes at {@code address}. */
    private static ErrorMessage refusedInBundle(String request, String address) {
        return new ErrorMessage(403, "Bundle rejected: insufficient scope for " + request + " to " + address, address, null);
    }

    /** The admin token SETs these, in order, and waits for their ACKs. */
    private static void runtimeAdminSets(Map<String, Value> writes) throws Exception {
        try (ClaspWebSocketClient admin = runtime.connect("admin", runtime.adminToken)) {
            int from = admin.count();
            for (Map.Entry<String, Value> w : writes.entrySet()) admin.send(new SetMessage(w.getKey(), w.getValue()));
            List<Message> got = SecureRuntime.roundTrip(admin, from);
            assertThat(got.stream().filter(m -> m instanceof AckMessage).count()).as("ACKs of %s", got).isEqualTo(writes.size());
        }
    }

    /** The ACK or ERROR answering {@code m} (the first before the PONG of a PING behind it). */
    private static Message reply(ClaspWebSocketClient c, Message m) throws Exception {
        return SecureRuntime.request(c, m).stream().filter(x -> x instanceof AckMessage || x instanceof ErrorMessage)
                .findFirst().orElseThrow(() -> new AssertionError("neither ACK nor ERROR for " + m));
    }
}
