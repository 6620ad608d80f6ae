package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import clasp.api.Feature;
import clasp.api.FloatValue;
import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.PublishMessage;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.SessionInfo;
import clasp.api.router.TransportInfo;
import clasp.protocol.ClaspCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The clasp.shell commands in the runtime, as an admin types them: real command lines through Gogo's
 * {@link CommandProcessor}, printed as the shell prints a result (the converter at INSPECT level), against the
 * real router, Config Admin, MetaType and fileinstall, with real sockets.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    private CommandProcessor processor;

    @Inject
    private Router router;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() throws IOException {
        return Provisioning.freshQuietRuntime(etc());
    }

    private static Path etc() {
        return Provisioning.workDir().resolve("shell-etc");
    }

    /** The commands register once the router, Config Admin and MetaType are there. */
    @Before
    public void commandsAreRegistered() {
        for (String command : new String[] {"clasp:status", "clasp.session:list", "clasp.param:list", "clasp.transport:list",
                "clasp.bridge:types"}) {
            Eventually.await(WAIT, command + " registered", () -> run(command) != null);
        }
        Eventually.await(WAIT, "the default listener online",
                () -> transport("default").map(t -> t.state() == PluginState.ONLINE).orElse(false));
    }

    /** Runs a command line as the shell does: what it printed, then its result as the shell formats it. */
    private String run(String line) throws Exception { return ShellLines.run(processor, line); }

    @Test
    public void statusShowsTheRouterAndItsPlugins() throws Exception {
        String status = run("clasp:status");
        assertLine("uptime +\\d+[smhd].*", status);
        assertLine("sessions +\\d+", status);
        assertLine("params +\\d+", status);
        assertLine("frames in +\\d+/s, \\d+ total", status);
        assertLine("frames out +\\d+/s, \\d+ total", status);
        assertLine("dropped +\\d+", status);
        assertLine("refused +(none|[a-z-]+ \\d+(, [a-z-]+ \\d+)*)", status);
        assertLine("transports +1, all online", status);
        assertLine("bridges +0", status);
    }

    @Test
    public void paramSetAndGetGoThroughTheShellSession() throws Exception {
        String set = run("clasp.param:set /a 1.5");
        assertLine("address +/a", set);
        assertLine("value +1\\.5", set);
        assertLine("type +float", set);
        String get = run("clasp.param:get /a");
        assertLine("value +1\\.5", get);
        assertLine("type +float", get);
        assertLine("revision +\\d+", get);
        assertEquals(new FloatValue(1.5), router.param("/a").orElseThrow().value());
        String writer = router.param("/a").orElseThrow().writer();
        assertTrue("the writer is the session \"shell\"",
                router.sessions().stream().anyMatch(s -> s.id().equals(writer) && s.name().equals("shell")));

        assertLine("type +int", run("clasp.param:set /a/n 7"));
        String json = run("clasp.param:set /a/j '[1,2.5,\"x\",{\"k\":null}]'");
        assertLine("value +\\[1,2\\.5,\"x\",\\{\"k\":null}]", json);
        assertLine("type +array", json);
        String text = run("clasp.param:set /a/s '\"1.5\"'");
        assertLine("value +\"1\\.5\"", text);
        assertLine("type +string", text);
        String list = run("clasp.param:list /a/*");
        assertLine("ADDRESS +VALUE +TYPE +REV +WRITER +LOCK", list);
        assertLine("/a/j +\\[1,2\\.5,\"x\",\\{\"k\":null}] +array +\\d+ +\\S+ \\(shell\\) +-", list);
        assertLine("/a/n +7 +int .*", list);
        String shellId = session("shell").orElseThrow().id();
        assertLine("/a/n +7 +int +\\d+ +" + shellId + " \\(shell\\) +-", list);
        assertLine("writer +" + shellId + " \\(shell\\)", run("clasp.param:get /a/n"));
        assertFalse(list, list.contains("\n/a "));
        assertEquals("no param /nope", run("clasp.param:get /nope"));
        assertEquals("invalid address: address must start with '/': a", run("clasp.param:set a 1"));
        String bad = run("clasp.param:set /a/bad {\"k\":1}");
        assertTrue(bad, bad.startsWith("invalid JSON at column 2"));
    }

    @Test
    public void theShellSessionComesBackAfterAKick() throws Exception {
        run("clasp.param:set /k 0");
        String before = session("shell").orElseThrow().id();
        assertEquals("closed session " + before + " (shell)", run("clasp.session:kick " + before));
        assertLine("type +int", run("clasp.param:set /k 1"));
        String writer = router.param("/k").orElseThrow().writer();
        assertTrue(writer + " is a new session \"shell\"", !writer.equals(before)
                && router.sessions().stream().anyMatch(s -> s.id().equals(writer) && s.name().equals("shell")));
    }

    @Test
    public void passwordsAreNeverPrinted() throws Exception {
        int port = Net.freePort();
        // tlsKeyStorePassword is a PASSWORD attribute of the TCP transport's MetaType (not a '.' key)
        String created = run("clasp.transport:create tcp pw host=127.0.0.1 port=" + port + " tlsKeyStorePassword=hunter2");
        assertFalse(created, created.contains("hunter2"));
        assertLine(" +tlsKeyStorePassword +\\*{8}", created);
        String updated = run("clasp.transport:update tcp pw tlsKeyStorePassword=hunter3");
        assertFalse(updated, updated.contains("hunter3"));
        assertLine(" +tlsKeyStorePassword +\\*{8}", updated);
        run("clasp.transport:delete tcp pw");
    }

    @Test
    public void transportCreateListUpdateAndDeleteAListenerAndItsFile() throws Exception {
        int port = Net.freePort();
        Path file = etc().resolve("clasp.transport.websocket-it2.cfg");
        String created = run("clasp.transport:create websocket it2 host=127.0.0.1 port=" + port);
        assertTrue(created, created.startsWith("created clasp.transport.websocket~it2 (" + file + ")\n"));
        assertLine(" +clasp\\.transport\\.id +it2", created);
        assertLine(" +port +" + port, created);
        // create waits for the router to open the listener
        assertLine("state  ONLINE: listening on ws://127\\.0\\.0\\.1:" + port + "/", created);
        assertEquals(200, Net.probe(port));

        String list = run("clasp.transport:list");
        assertLine("ID +KIND +STATE +ENDPOINT +CONNS +ACCEPTED +IN +OUT +DETAIL", list);
        assertLine("it2 +websocket +ONLINE +ws://127\\.0\\.0\\.1:" + port + "/ .*", list);
        assertLine("default +websocket +ONLINE .*", list);

        // The file is fileinstall's: typed, so that it reads back to the values Config Admin holds.
        assertTrue(file + " exists", Files.exists(file));
        String content = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertTrue(content, content.startsWith("# written by clasp.transport:create\n"));
        assertLine("port = I\"" + port + "\"", content);
        assertLine("host = \"127\\.0\\.0\\.1\"", content);
        assertLine("clasp\\.transport\\.id = \"it2\"", content);
        Dictionary<String, Object> props = configuration("clasp.transport.websocket~it2").orElseThrow();
        assertEquals(file.toFile().toURI().toString(), props.get("felix.fileinstall.filename"));
        // fileinstall's scans (every second) find nothing to change in it
        Eventually.holds(Duration.ofMillis(2500), "port stays the Integer " + port, () ->
                configuration("clasp.transport.websocket~it2").map(p -> Integer.valueOf(port).equals(p.get("port"))).orElse(false));

        assertEquals("clasp.transport.websocket~it2 already exists; change it with clasp.transport:update websocket it2 key=value ...",
                run("clasp.transport:create websocket it2"));

        int moved = Net.freePort();
        String updated = run("clasp.transport:update websocket it2 port=" + moved);
        assertTrue(updated, updated.startsWith("updated clasp.transport.websocket~it2"));
        Eventually.await(WAIT, "listener moved to " + moved, () -> Net.probe(moved) == 200 && Net.probe(port) == -1);
        content = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertTrue(content, content.startsWith("# written by clasp.transport:update\n"));
        assertLine("port = I\"" + moved + "\"", content);

        // Editing the file reconfigures the instance, as for any file fileinstall watches.
        int edited = Net.freePort();
        Files.writeString(file, "host=127.0.0.1\nport=" + edited + "\nclasp.transport.id=it2\n");
        Eventually.await(WAIT, "listener moved by the file to " + edited, () -> Net.probe(edited) == 200 && Net.probe(moved) == -1);

        assertEquals("deleted clasp.transport.websocket~it2 (" + file + ")", run("clasp.transport:delete websocket it2"));
        Eventually.await(WAIT, "listener gone", () -> Net.probe(edited) == -1 && transport("it2").isEmpty());
        assertFalse(file + " exists", Files.exists(file));
        assertTrue(configuration("clasp.transport.websocket~it2").isEmpty());
        assertEquals("no instance clasp.transport.websocket~it2", run("clasp.transport:delete websocket it2"));
    }

    @Test
    public void aConfiguredListenerThatCannotRunIsListedWithTheReason() throws Exception {
        // Each value passes metatype; together they are refused by the component (low above high watermark).
        int port = Net.freePort();
        String created = run("clasp.transport:create websocket bad host=127.0.0.1 port=" + port
                + " writeBufferLowWaterMark=100 writeBufferHighWaterMark=50");
        assertTrue(created, created.startsWith("created clasp.transport.websocket~bad"));
        assertLine("state  not running: activation failed: clasp\\.transport\\.websocket: invalid configuration: need 0 <= "
                + "writeBufferLowWaterMark <= writeBufferHighWaterMark, are 100 and 50", created);
        try {
            Eventually.holds(Duration.ofSeconds(2), "refused: nothing listens on " + port, () -> Net.probe(port) == -1);
            assertLine("bad +websocket +FAILED +- .* activation failed: clasp\\.transport\\.websocket: invalid configuration: "
                    + "need 0 <= writeBufferLowWaterMark <= writeBufferHighWaterMark, are 100 and 50", run("clasp.transport:list"));
        } finally {
            run("clasp.transport:delete websocket bad");
        }
        String after = run("clasp.transport:list");
        assertFalse(after, after.contains("\nbad "));
    }

    /** A listener on a port in use: FAILED and why, right away, kept configured so that an update can fix it. */
    @Test
    public void createOnABusyPortReportsTheFailureAndUpdateFixesIt() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            String created = run("clasp.transport:create websocket busy host=127.0.0.1 port=" + port);
            assertTrue(created, created.startsWith("created clasp.transport.websocket~busy"));
            assertLine("state  FAILED: .*cannot listen on 127\\.0\\.0\\.1:" + port + ".*Address already in use.*", created);
            assertLine("The instance and its file are kept: fix it with clasp\\.transport:update websocket busy key=value \\.\\.\\., "
                    + "or remove it with clasp\\.transport:delete websocket busy", created);
            assertTrue(Files.exists(etc().resolve("clasp.transport.websocket-busy.cfg")));
            int free = Net.freePort();
            run("clasp.transport:update websocket busy port=" + free);
            Eventually.await(WAIT, "the listener on " + free, () -> Net.probe(free) == 200);
        } finally {
            run("clasp.transport:delete websocket busy");
        }
    }

    @Test
    public void unknownKeysAreRefusedWithTheValidOnes() throws Exception {
        String refused = run("clasp.transport:create websocket typo host=127.0.0.1 prot=7999");
        assertTrue(refused, refused.startsWith("unknown key 'prot' for clasp.transport.websocket: nothing changed; valid keys: "
                + "clasp.transport.id, host, port, "));
        assertFalse(Files.exists(etc().resolve("clasp.transport.websocket-typo.cfg")));
        assertTrue(configuration("clasp.transport.websocket~typo").isEmpty());

        int port = Net.freePort();
        run("clasp.transport:create websocket typo host=127.0.0.1 port=" + port);
        try {
            String update = run("clasp.transport:update websocket typo pingInterval=5");
            assertTrue(update, update.startsWith("unknown key 'pingInterval' for clasp.transport.websocket: nothing changed; "
                    + "valid keys: "));
            assertTrue(update, update.contains("pingIntervalSeconds"));
            assertEquals(null, configuration("clasp.transport.websocket~typo").orElseThrow().get("pingInterval"));
            assertFalse(Files.readString(etc().resolve("clasp.transport.websocket-typo.cfg")).contains("pingInterval "));
        } finally {
            run("clasp.transport:delete websocket typo");
        }
    }

    @Test
    public void paramDeleteCountsAndAsksBeforeAPattern() throws Exception {
        for (int i = 1; i <= 7; i++) run("clasp.param:set /del/" + i + " " + i);
        run("clasp.param:set /delx 0");
        assertEquals("/del/* matches 7 params: /del/1, /del/2, /del/3, /del/4, /del/5, ...; nothing deleted: "
                + "run clasp.param:delete --yes /del/* to delete them", run("clasp.param:delete /del/*"));
        assertEquals(7, router.params("/del/*").size());

        assertEquals("deleted 1 param: /del/7", run("clasp.param:delete /del/7"));
        assertEquals("no param /del/7", run("clasp.param:delete /del/7"));
        assertEquals("deleted 6 params matching /del/*", run("clasp.param:delete --yes /del/*"));
        assertEquals(0, router.params("/del/**").size());
        assertTrue("outside the pattern stays", router.param("/delx").isPresent());
        assertEquals("no params match /del/*", run("clasp.param:delete -y /del/*"));
        assertEquals("no params match /del/*", run("clasp.param:delete /del/*"));
        assertEquals("invalid address: address must start with '/': del", run("clasp.param:delete del"));
        // a deleted param comes back at revision 1
        run("clasp.param:set /del/1 1");
        assertEquals(1, router.param("/del/1").orElseThrow().revision());
        run("clasp.param:delete /del/1");
        run("clasp.param:delete /delx");
    }

    @Test
    public void createRefusesUnknownTypesAndBadValuesInOneLine() throws Exception {
        String unknown = run("clasp.transport:create smoke t1");
        assertTrue(unknown, unknown.matches("unknown transport kind 'smoke' \\(factory PID clasp\\.transport\\.smoke\\); "
                + "known: ([a-z]+, )*tcp, ([a-z]+, )*udp, ([a-z]+, )*websocket"));
        String unknownBridge = run("clasp.bridge:create nosuch studio");
        assertTrue(unknownBridge, unknownBridge.matches("unknown bridge type 'nosuch' \\(factory PID clasp\\.bridge\\.nosuch\\); "
                + "known: ([a-z]+, )*artnet, ([a-z]+, )*dmx, ([a-z]+, )*midi, ([a-z]+, )*mqtt, ([a-z]+, )*osc, ([a-z]+, )*sacn(, [a-z]+)*"));
        assertEquals("port: expected an int, got 'http'", run("clasp.transport:create websocket bad port=http"));
        String range = run("clasp.transport:create websocket bad port=70000");
        assertTrue(range, range.startsWith("port=70000: "));
        assertFalse(Files.exists(etc().resolve("clasp.transport.websocket-bad.cfg")));
        String missing = run("clasp.transport:update websocket nope port=1");
        assertTrue(missing, missing.startsWith("no instance clasp.transport.websocket~nope"));
    }

    @Test
    public void typesListTheInstalledFactoriesFromMetaType() throws Exception {
        String types = run("clasp.transport:types");
        assertLine("clasp\\.transport\\.tcp +CLASP TCP transport +\\(clasp\\.transport\\.tcp\\)", types);
        assertLine("  port +int +7331", types);
        assertLine("  tlsClientAuth +.*", types);
        assertLine("clasp\\.transport\\.websocket +CLASP WebSocket transport +\\(clasp\\.transport\\.websocket\\)", types);
        assertLine("clasp\\.transport\\.quic +CLASP QUIC transport +\\(clasp\\.transport\\.quic\\)", types);
        assertLine("  port +int +7330", types);
        assertLine("  epoll +boolean +true", types);
        // the runtime ships one bridge type, and no instance of it
        String bridgeTypes = run("clasp.bridge:types");
        assertLine("clasp\\.bridge\\.mqtt +CLASP MQTT bridge +\\(clasp\\.bridge\\.mqtt\\)", bridgeTypes);
        assertLine("  brokerUri +String +tcp://localhost:1883", bridgeTypes);
        assertLine("  \\.password +password +-", bridgeTypes);
        assertEquals("no bridges", run("clasp.bridge:list"));
    }

    @Test
    public void sessionListAndKickAWebSocketClient() throws Exception {
        String endpoint = transport("default").orElseThrow().endpoint();
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket ws = HTTP.newWebSocketBuilder().subprotocols("clasp")
                .buildAsync(URI.create(endpoint.replace("0.0.0.0", "127.0.0.1")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode + " " + reason);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            byte[] hello = ClaspCodec.defaults().encode(Frame.of(new HelloMessage(1, Set.of(Feature.PARAM), "it-client", null)));
            ws.sendBinary(ByteBuffer.wrap(hello), true).get(10, TimeUnit.SECONDS);
            Eventually.await(WAIT, "session it-client", () -> session("it-client").isPresent());
            String id = session("it-client").orElseThrow().id();

            String list = run("clasp.session:list");
            assertLine("ID +NAME +ORIGIN +SUBS +IN +OUT +SINCE", list);
            assertLine(id + " +it-client +127\\.0\\.0\\.1:\\d+ via websocket:default .*", list);
            assertLine("\\S+ +shell +local .*", list);

            // by its name, or a unique start of its id; two sessions of one name are listed, not guessed between
            try (LocalSession twin = router.openSession("it-client", false)) {
                String ambiguous = run("clasp.session:kick it-client");
                assertTrue(ambiguous, ambiguous.startsWith("'it-client' matches 2 sessions: ")
                        && ambiguous.contains(id + " (it-client)") && ambiguous.contains(twin.id() + " (it-client)")
                        && ambiguous.endsWith("; give more of the id"));
                assertTrue("both still open", session("it-client").isPresent() && router.sessions().stream()
                        .filter(s -> s.name().equals("it-client")).count() == 2);
            }
            Eventually.await(WAIT, "one it-client left", () -> router.sessions().stream().filter(s -> s.name().equals("it-client")).count() == 1);
            String prefix = uniquePrefix(id);
            assertEquals("closed session " + id + " (it-client)", run("clasp.session:kick " + prefix + " maintenance window"));
            assertEquals("1008 maintenance window", closed.get(10, TimeUnit.SECONDS));
            Eventually.await(WAIT, "session it-client closed", () -> session("it-client").isEmpty());
            assertEquals("no session " + id, run("clasp.session:kick " + id));
            assertEquals("no session it-client", run("clasp.session:kick it-client"));
        } finally {
            ws.abort();
        }
    }

    @Test
    public void watchPrintsMatchingMessagesAndEndsAfterN() throws Exception {
        AtomicReference<Object> printed = new AtomicReference<>();
        Thread watching = new Thread(() -> {
            try {
                printed.set(run("clasp:watch -n 2 /w/**"));
            } catch (Exception e) {
                printed.set(e);
            }
        }, "clasp-itest-watch");
        watching.start();
        try (LocalSession writer = router.openSession("it-writer", false)) {
            // keep writing until the watch has its subscription and has printed two messages
            long n = 0;
            while (watching.isAlive() && n < 200) {
                writer.set("/other", Value.of(n));
                writer.publish(PublishMessage.event("/w/cue", Value.of("go")));
                writer.set("/w/x", Value.of(++n));
                watching.join(50);
            }
        }
        watching.join(10_000);
        assertFalse("the watch ended", watching.isAlive());
        assertTrue(String.valueOf(printed.get()), printed.get() instanceof String);
        String[] lines = ((String) printed.get()).split("\n");
        assertEquals(String.join("|", lines), 2, lines.length);
        for (String line : lines) {
            assertTrue(line, line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  (/w/x  param  \\d+|/w/cue  event  \"go\")"));
        }
        Eventually.await(WAIT, "the watch's session closed", () -> session("shell-watch").isEmpty());
    }

    @Test
    public void watchFiltersBySignalTypeAndStopsOnInterrupt() throws Exception {
        AtomicReference<Object> printed = new AtomicReference<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CommandSession shell = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        Thread watching = new Thread(() -> {
            try {
                printed.set(shell.execute("clasp:watch -t event /t/**"));
            } catch (Exception e) {
                printed.set(e);
            }
        }, "clasp-itest-watch");
        watching.start();
        try (LocalSession writer = router.openSession("it-writer", false)) {
            Eventually.await(WAIT, "the watch's session", () -> session("shell-watch").isPresent());
            Eventually.await(WAIT, "an event printed", () -> {
                writer.set("/t/param", Value.of(1L));
                writer.publish(PublishMessage.event("/t/cue", Value.of(1L)));
                return bytes.toString(StandardCharsets.UTF_8).contains("  /t/cue  event  1\n");
            });
            // Ctrl-C: the shell interrupts the foreground job
            Job job = shell.foregroundJob();
            assertNotNull("a foreground job", job);
            job.interrupt();
            watching.join(10_000);
            assertFalse("the watch ended", watching.isAlive());
            Eventually.await(WAIT, "the watch's session closed", () -> session("shell-watch").isEmpty());
            assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("/t/param"));
        } finally {
            shell.close();
        }
        assertEquals("unknown signal type 'nope'; use param, event, stream, gesture, timeline", run("clasp:watch -t nope"));
    }

    /** A background job expands its words after its line returned: the patterns must not be globbed then either. */
    @Test
    public void watchRunsAsABackgroundJob() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (CommandSession shell = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
             LocalSession writer = router.openSession("it-writer", false)) {
            shell.execute("clasp:watch -n 1 /b/* &");
            Eventually.await(WAIT, "the background watch printed", () -> {
                writer.set("/b/x", Value.of("bg"));
                return bytes.toString(StandardCharsets.UTF_8).contains("  /b/x  param  \"bg\"\n");
            });
        }
        Eventually.await(WAIT, "the watch's session closed", () -> session("shell-watch").isEmpty());
    }

    /** The shortest start of {@code id} that no other open session's id starts with. */
    private String uniquePrefix(String id) {
        for (int n = 1; n < id.length(); n++) {
            String p = id.substring(0, n);
            if (router.sessions().stream().filter(s -> s.id().startsWith(p)).count() == 1) return p;
        }
        return id;
    }

    /** {@code text} has a whole line matching {@code regex}. */
    private static void assertLine(String regex, String text) { ShellLines.assertLine(regex, text); }

    private Optional<TransportInfo> transport(String id) {
        return router.transports().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private Optional<SessionInfo> session(String name) {
        return router.sessions().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private Optional<Dictionary<String, Object>> configuration(String pid) throws Exception {
        org.osgi.service.cm.Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + pid + ")");
        return found == null ? Optional.empty() : Optional.of(found[0].getProperties());
    }


}
