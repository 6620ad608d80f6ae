package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The archetype as a third-party author uses it: {@code archetype:generate} from clasp.bridge.archetype as this
 * build installed it, {@code mvn install} of the generated project (its own unit tests run), then the bundle
 * installed from the shell of a running runtime by its Maven coordinates, an instance created, and its echo seen
 * by a WebSocket client.
 */
class ArchetypeIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHELL = Duration.ofSeconds(20);
    private static final Pattern BUNDLE_ID = Pattern.compile("Bundle ID: (\\d+)");
    private static final String GROUP = "clasp.itest.generated";
    private static final String ARTIFACT = "echo-bridge";
    private static final String VERSION = "1.0.0";

    @Test
    void aGeneratedBridgeBuildsTestsInstallsFromTheShellAndRuns() throws Exception {
        Path dir = Provisioning.workDir().resolve("archetype");
        delete(dir);
        Files.createDirectories(dir);
        Maven.run(dir, "generate", "org.apache.maven.plugins:maven-archetype-plugin:" + System.getProperty("clasp.archetype.plugin")
                        + ":generate",
                "-DarchetypeGroupId=clasp", "-DarchetypeArtifactId=clasp.bridge.archetype",
                "-DarchetypeVersion=" + System.getProperty("clasp.version"),
                "-DgroupId=" + GROUP, "-DartifactId=" + ARTIFACT, "-Dversion=" + VERSION,
                "-Dpackage=clasp.itest.generated.echo", "-Dprotocol=echo", "-DinteractiveMode=false");
        Path project = dir.resolve(ARTIFACT);
        assertThat(project.resolve("src/main/java/clasp/itest/generated/echo/internal/EchoBridge.java")).isRegularFile();

        String build = Maven.run(project, "build", "install");
        assertThat(build).as("the generated project's own tests").contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0");
        assertThat(Maven.repository().resolve(GROUP.replace('.', '/') + "/" + ARTIFACT + "/" + VERSION + "/"
                + ARTIFACT + "-" + VERSION + ".jar")).isRegularFile();

        Path work = dir.resolve("runtime");
        Path etc = work.resolve("etc");
        int port = RuntimeProcess.quietListener(etc);
        try (RuntimeTerminal terminal = RuntimeTerminal.start(RuntimeJar.fromSystemProperty(), work,
                "-Dorg.ops4j.pax.url.mvn.localRepository=" + Maven.repository())) {
            try {
                terminal.await(0, Pattern.compile(Pattern.quote(RuntimeProcess.STATUS) + ".*all active"), STARTUP);
                terminal.awaitPrompt(SHELL);
                await().atMost(SHELL).pollInterval(Duration.ofMillis(200)).until(() -> Net.probe(port) == 200);

                long id = Long.parseLong(terminal.run("install mvn:" + GROUP + "/" + ARTIFACT + "/" + VERSION, BUNDLE_ID, SHELL).group(1));
                terminal.type("start " + id);
                terminal.run("clasp.bridge:types", Pattern.compile("clasp\\.bridge\\.echo  CLASP echo bridge  \\(clasp\\.itest\\.generated\\.echo\\)"), SHELL);
                int created = terminal.mark();
                terminal.run("clasp.bridge:create echo demo", Pattern.compile("state  ONLINE: echoing /echo/demo/in to /echo/demo/out"), SHELL);
                // its SLF4J logger writes to the runtime's log
                terminal.await(created, Pattern.compile("INFO .* echo bridge demo echoes /echo/demo/in to /echo/demo/out"), SHELL);

                try (ClaspWebSocketClient client = ClaspWebSocketClient.connect(port, "archetype-client")) {
                    client.send(new SubscribeMessage(1, "/echo/**"));
                    int from = client.count();
                    client.send(new SetMessage("/echo/demo/in", Value.of(7L)));
                    client.await(from, m -> m instanceof SetMessage s && s.address().equals("/echo/demo/out")
                            && s.value().equals(Value.of(7L)), SHELL);
                }

                // uninstalled, the instance stays configured, and the list says why it does not run
                terminal.type("uninstall " + id);
                Pattern gone = Pattern.compile("demo +echo +- +FAILED .*no component takes factory PID clasp\\.bridge\\.echo");
                await().atMost(SHELL).pollInterval(Duration.ofMillis(500)).until(() -> {
                    int listed = terminal.mark();
                    terminal.type("clasp.bridge:list");
                    Thread.sleep(300);
                    return gone.matcher(terminal.output().substring(listed)).find();
                });
                terminal.type("stop 0");
                await().atMost(30, TimeUnit.SECONDS).until(terminal::exited);
                assertThat(terminal.output()).doesNotContain(" ERROR ").doesNotContain("Exception");
            } catch (Throwable failure) {
                throw new AssertionError(failure.getMessage() + "\n--- the runtime's terminal ---\n" + terminal.screen(), failure);
            }
        }
    }

    private static void delete(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
