package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import clasp.api.FloatValue;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PingMessage;
import clasp.api.message.PongMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party kit end to end: the example bridge ({@code examples/clasp-bridge-example}, built and installed
 * into the local Maven repository by maven-invoker just before this test) in the exported runtime, handled as an
 * administrator would. The runtime runs in a terminal (tmux), so that its Gogo shell is interactive; the test
 * types {@code install}, {@code start}, {@code uninstall} and {@code stop 0} into it, creates the instance with a
 * file in {@code etc}, and watches the values as a WebSocket client.
 */
class ExampleBridgeIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHELL = Duration.ofSeconds(20);
    private static final Pattern BUNDLE_ID = Pattern.compile("Bundle ID: (\\d+)");
    private static final List<String> WAVEFORMS = List.of("sine", "triangle", "square", "saw");
    private static final String BASE = "/lfo/demo/";
    private static final String RATE = BASE + "rate";
    /**
     * The router runs instance demo on its shared bridge threads (clasp-router-bridge-N); the bridge starts none of
     * its own (they would be clasp-bridge-lfo-…).
     */
    private static final String ROUTER_BRIDGE_THREADS = "clasp-router-bridge-";
    private static final String OWN_THREADS = "clasp-bridge-lfo-";

    @TempDir
    Path workDir;

    @Test
    void installedThroughTheShellItPublishesFollowsItsRateParamAndLeavesNothingBehind() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path exampleJar = Path.of(property("clasp.example.jar"));
        assertThat(exampleJar).as("the example's jar, built by maven-invoker (mvn install runs it)").isRegularFile();
        Path etc = workDir.resolve("etc");
        int port = RuntimeProcess.quietListener(etc);
        // mvn: URLs resolve from the local repository the build used (and maven-invoker installed into).
        String repository = property("clasp.example.repository");
        try (RuntimeTerminal terminal = RuntimeTerminal.start(jar, workDir,
                "-Dorg.ops4j.pax.url.mvn.localRepository=" + repository)) {
            try {
                scenario(terminal, etc, port, exampleJar, Path.of(repository));
            } catch (Throwable failure) {
                throw new AssertionError(failure.getMessage() + "\n--- the runtime's terminal ---\n" + terminal.screen()
                        + "\n--- " + etc + " ---\n" + contents(etc), failure);
            }
        }
    }

    private void scenario(RuntimeTerminal terminal, Path etc, int port, Path exampleJar, Path repository) throws Exception {
        terminal.await(0, Pattern.compile(Pattern.quote(RuntimeProcess.STATUS) + ".*all active"), STARTUP);
        terminal.awaitPrompt(SHELL);
        await().atMost(SHELL).pollInterval(Duration.ofMillis(200)).until(() -> Net.probe(port) == 200);

        try (ClaspWebSocketClient client = ClaspWebSocketClient.connect(port, "example-watcher")) {
            client.send(new SubscribeMessage(1, "/lfo/**"));

            // Installed and started through the shell, then an instance created by configuration.
            long id = Long.parseLong(terminal.run("install file:" + exampleJar, BUNDLE_ID, SHELL).group(1));
            int started = terminal.mark();
            terminal.type("start " + id);
            int before = client.count();
            Files.writeString(etc.resolve("clasp.bridge.lfo-demo.cfg"), "prefix=/lfo\nrateHz=20\n");
            terminal.await(started, Pattern.compile("bridge demo is ONLINE: 4 waveforms at 20 Hz, 0\\.5 Hz"), SHELL);
            client.await(before, set(RATE, 0.5), SHELL);

            // The four waveforms, one value of each per tick, all at one phase per tick. (Their rate and frequency in
            // time are the example's own unit tests' business, on a clock they control.)
            List<SetMessage> first = window(client, client.count(), 50);
            Set<String> addresses = first.stream().map(SetMessage::address).collect(Collectors.toCollection(TreeSet::new));
            assertThat(addresses).containsExactlyInAnyOrderElementsOf(WAVEFORMS.stream().map(w -> BASE + w).collect(Collectors.toList()));
            assertCoherent(first);
            long saws = first.stream().filter(s -> s.address().equals(BASE + "saw")).count();
            for (String w : WAVEFORMS) {
                assertThat(first.stream().filter(s -> s.address().equals(BASE + w)).count())
                        .as("values of " + w + " beside " + saws + " of the saw").isBetween(saws - 1, saws + 1);
            }
            double stepAtHalfHz = medianPhaseStep(first);

            // A rate beyond half the sample rate is clamped, and the value in effect written back.
            int clamped = client.count();
            client.send(new SetMessage(RATE, Value.of(100.0)));
            client.await(clamped, set(RATE, 10.0), SHELL);

            // The rate param changes the frequency live: at 2 Hz the phase moves about four times as far per tick.
            client.send(new SetMessage(RATE, Value.of(2.0)));
            int changed = client.count();
            window(client, changed, 50);
            List<SetMessage> faster = lfoSets(client.since(changed + 8));
            assertCoherent(faster);
            assertThat(medianPhaseStep(faster)).as("phase step per tick at 2 Hz, against " + stepAtHalfHz + " at 0.5 Hz")
                    .isGreaterThan(2 * stepAtHalfHz);

            // Uninstalled through the shell: the values stop, the runtime goes on serving.
            assertThat(terminal.threads()).as("the runtime's threads").anyMatch(t -> t.matches(ROUTER_BRIDGE_THREADS + "\\d+"))
                    .noneMatch(t -> t.startsWith(ROUTER_BRIDGE_THREADS) && !t.matches(ROUTER_BRIDGE_THREADS + "\\d+"));
            int uninstalled = terminal.mark();
            terminal.type("uninstall " + id);
            awaitStopped(client, terminal, uninstalled, "after the uninstall");
            assertThat(Net.probe(port)).as("GET / after the uninstall").isEqualTo(200);
            try (ClaspWebSocketClient fresh = ClaspWebSocketClient.connect(port, "after-uninstall")) {
                assertThat(fresh.received()).isNotEmpty(); // connect awaited its WELCOME
            }

            // The same bundle by its Maven coordinates, from the local repository maven-invoker installed it into.
            assertThat(repository.resolve("clasp/examples/clasp-bridge-example/1.0.0/clasp-bridge-example-1.0.0.jar"))
                    .as("the example in the local repository (mvn install in clasp.itest runs maven-invoker)").isRegularFile();
            long again = Long.parseLong(terminal.run("install mvn:clasp.examples/clasp-bridge-example/1.0.0", BUNDLE_ID, SHELL).group(1));
            assertThat(again).isNotEqualTo(id);
            int restarted = client.count();
            int online = terminal.mark();
            terminal.type("start " + again);
            terminal.await(online, Pattern.compile("bridge demo is ONLINE: 4 waveforms at 20 Hz, 0\\.5 Hz"), SHELL);
            client.await(restarted, m -> m instanceof SetMessage && ((SetMessage) m).address().equals(BASE + "sine"), SHELL);

            // The instance (back from its file) managed with the shell's commands: listed, deleted, created again.
            terminal.run("clasp.bridge:list", Pattern.compile("demo\\s+lfo\\s+clasp\\.examples\\.lfo\\s+ONLINE"), SHELL);
            int deleted = terminal.mark();
            terminal.run("clasp.bridge:delete lfo demo", Pattern.compile("deleted clasp\\.bridge\\.lfo~demo"), SHELL);
            awaitStopped(client, terminal, deleted, "after clasp.bridge:delete");
            assertThat(etc.resolve("clasp.bridge.lfo-demo.cfg")).as("the instance's file after clasp.bridge:delete").doesNotExist();
            int created = client.count();
            int creating = terminal.mark();
            terminal.run("clasp.bridge:create lfo demo prefix=/lfo rateHz=10", Pattern.compile("created clasp\\.bridge\\.lfo~demo"), SHELL);
            terminal.await(creating, Pattern.compile("bridge demo is ONLINE: 4 waveforms at 10 Hz, 0\\.5 Hz"), SHELL);
            client.await(created, m -> m instanceof SetMessage && ((SetMessage) m).address().equals(BASE + "sine"), SHELL);
            assertThat(etc.resolve("clasp.bridge.lfo-demo.cfg")).as("the file clasp.bridge:create wrote").content().contains("rateHz");
            int uninstalledAgain = terminal.mark();
            terminal.type("uninstall " + again);
            awaitStopped(client, terminal, uninstalledAgain, "after the second uninstall");
        }

        terminal.type("stop 0");
        await().atMost(30, TimeUnit.SECONDS).until(terminal::exited);
        assertThat(terminal.output()).doesNotContain(" ERROR ").doesNotContain("Exception");
    }

    /** Waits until {@code count} more values of the saw arrived after {@code from}; returns the lfo SETs since. */
    private static List<SetMessage> window(ClaspWebSocketClient client, int from, int count) {
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
                .until(() -> sets(client.since(from), BASE + "saw").size() >= count);
        return lfoSets(client.since(from));
    }

    /**
     * The median advance of the phase from one tick to the next, from the saw (the phase rescaled: 2p below half
     * a cycle, 2p - 2 above). The median, so that a tick the busy machine delayed does not count.
     */
    private static double medianPhaseStep(List<SetMessage> sets) {
        List<SetMessage> saw = sets.stream().filter(s -> s.address().equals(BASE + "saw")).collect(Collectors.toList());
        assertThat(saw).as("SETs of the saw").hasSizeGreaterThan(10);
        double[] steps = new double[saw.size() - 1];
        for (int i = 1; i < saw.size(); i++) {
            double step = phase(value(saw.get(i))) - phase(value(saw.get(i - 1)));
            steps[i - 1] = step < 0 ? step + 1 : step;   // below rate/2 a tick advances less than half a cycle
        }
        java.util.Arrays.sort(steps);
        return steps[steps.length / 2];
    }

    /** Each tick sets sine, triangle, square and saw in that order; all four must show the one phase. */
    private static void assertCoherent(List<SetMessage> sets) {
        int ticks = 0;
        for (int i = 3; i < sets.size(); i++) {
            if (!sets.get(i).address().equals(BASE + "saw") || !sets.get(i - 3).address().equals(BASE + "sine")) continue;
            double p = phase(value(sets.get(i)));
            assertThat(value(sets.get(i - 3))).as("sine at phase " + p).isCloseTo(Math.sin(2 * Math.PI * p), within(1e-9));
            double triangle = p < 0.25 ? 4 * p : p < 0.75 ? 2 - 4 * p : 4 * p - 4;
            assertThat(value(sets.get(i - 2))).as("triangle at phase " + p).isCloseTo(triangle, within(1e-9));
            if (Math.abs(p - 0.5) > 1e-9 && p > 1e-9) {
                assertThat(value(sets.get(i - 1))).as("square at phase " + p).isEqualTo(p < 0.5 ? 1.0 : -1.0);
            }
            ticks++;
        }
        assertThat(ticks).as("ticks with all four values in order").isGreaterThan(sets.size() / 4 - 3);
        assertThat(sets).allSatisfy(s -> assertThat(value(s)).isBetween(-1.0, 1.0));
    }

    private static double phase(double saw) {
        return saw >= 0 ? saw / 2 : (saw + 2) / 2;
    }

    private static boolean ofTheBridge(String thread) { return thread.startsWith(OWN_THREADS); }

    /**
     * Waits until the router says it removed the instance (on the terminal after {@code mark}) and no thread of the
     * bridge is left in the runtime, then checks that its values stopped: after a PONG, which the router sends behind
     * every value it had queued for this client, no lfo value arrives.
     */
    private static void awaitStopped(ClaspWebSocketClient client, RuntimeTerminal terminal, int mark, String when) throws Exception {
        terminal.await(mark, Pattern.compile("clasp\\.router: bridge demo removed"), SHELL);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(terminal.threads())
                .as("the runtime's threads " + when).noneMatch(ExampleBridgeIT::ofTheBridge));
        int ping = client.count();
        client.send(new PingMessage());
        client.await(ping, m -> m instanceof PongMessage, SHELL);
        int pong = client.count();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> lfoSets(client.since(pong)), List::isEmpty);
    }

    private static List<SetMessage> lfoSets(List<ClaspWebSocketClient.Received> received) {
        return received.stream().map(ClaspWebSocketClient.Received::message)
                .filter(m -> m instanceof SetMessage).map(m -> (SetMessage) m)
                .filter(s -> !s.address().equals(RATE)).collect(Collectors.toList());
    }

    private static List<ClaspWebSocketClient.Received> sets(List<ClaspWebSocketClient.Received> received, String address) {
        return received.stream()
                .filter(r -> r.message() instanceof SetMessage && ((SetMessage) r.message()).address().equals(address))
                .collect(Collectors.toList());
    }

    private static java.util.function.Predicate<Message> set(String address, double value) {
        return m -> m instanceof SetMessage && ((SetMessage) m).address().equals(address)
                && ((SetMessage) m).value().equals(Value.of(value));
    }

    private static double value(Message m) {
        return ((FloatValue) ((SetMessage) m).value()).value();
    }

    /** Every file in the configuration folder with its content, for failure messages. */
    private static String contents(Path etc) {
        StringBuilder s = new StringBuilder();
        try (java.util.stream.Stream<Path> files = Files.list(etc)) {
            for (Path f : files.sorted().collect(Collectors.toList())) {
                s.append(f.getFileName()).append(":\n").append(Files.readString(f).indent(4));
            }
        } catch (IOException e) {
            s.append(e);
        }
        return s.toString();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) throw new IllegalStateException("system property " + name + " is not set (clasp.itest's pom sets it)");
        return value;
    }

}
