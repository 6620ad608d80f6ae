package clasp.itest;

import static org.junit.jupiter.api.Assertions.fail;

import clasp.api.Value;
import clasp.api.message.AckMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The published JS client {@code @clasp-to/core} 3.3.2 against the exported runtime: starts clasp.jar as a
 * separate process listening on a free port, runs the Node suite in {@code src/test/js} ({@code node --test},
 * URL in {@code CLASP_URL}) and reports each Node test as a test of its own. Needs Node 20+ and the npm
 * packages pinned by the repository's package-lock.json ({@code npm ci} in the repository root).
 */
class NodeInteropIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(180);
    private static final String CLIENT_VERSION = "3.3.2";

    @TempDir
    Path workDir;

    @TestFactory
    @DisplayName("node")
    Stream<DynamicNode> nodeSuite() throws Exception {
        Path tests = Path.of(System.getProperty("clasp.node.tests", "src/test/js")).toAbsolutePath();
        Path root = repositoryRoot(tests);
        String node = requireNode(root);
        Path report = Path.of(System.getProperty("clasp.itest.dir", "target/itest")).toAbsolutePath().resolve("node-interop.xml");
        Files.createDirectories(report.getParent());
        Files.deleteIfExists(report);

        int port = Net.freePort();
        configureWebSocket(workDir.resolve("etc"), port);
        configureRouter(workDir.resolve("etc"));
        NodeRun run;
        List<String> runtimeOutput;
        try (RuntimeProcess runtime = new RuntimeProcess(RuntimeJar.fromSystemProperty(), workDir)) {
            runtime.awaitLine(RuntimeProcess.STATUS, STARTUP);
            runtime.awaitListening(port, STARTUP);
            awaitRouterConfigured(port);
            run = runNode(node, root, tests, "ws://127.0.0.1:" + port + "/", report);
            runtimeOutput = runtime.output();
        }

        List<Result> results = Files.isRegularFile(report)
                ? Result.children(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile()).getDocumentElement())
                : List.of();
        List<DynamicNode> nodes = new ArrayList<>();
        results.forEach(r -> nodes.add(r.toJUnit()));
        if (run.exitCode() != 0 && results.stream().noneMatch(Result::failed)) {
            nodes.add(DynamicTest.dynamicTest("node --test", () ->
                    fail("node exited with " + run.exitCode() + " and reported no failing test:\n" + run.output())));
        }
        if (results.isEmpty()) {
            nodes.add(DynamicTest.dynamicTest("node --test", () -> fail("node ran no test:\n" + run.output())));
        }
        nodes.add(DynamicTest.dynamicTest("the router logged no failure", () -> {
            List<String> bad = runtimeOutput.stream().filter(line -> line.contains("router failed")).toList();
            if (!bad.isEmpty()) fail("the runtime logged:\n" + String.join("\n", bad));
        }));
        return nodes.stream();
    }

    // ---- the runtime

    /**
     * Writes the WebSocket transport's configuration into the runtime's configuration folder.
     * The one place that knows the transport's configuration PID and file name.
     */
    private static void configureWebSocket(Path etc, int port) throws IOException {
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("clasp.transport.websocket-default.cfg"), "host=127.0.0.1\nport=" + port + "\n"
                + RuntimeProcess.LOOPBACK_UNLIMITED);
    }


    /** The router's configuration: client.test.js 'conflict strategy max …' writes under /<run>/peak/. */
    private static void configureRouter(Path etc) throws IOException {
        Files.writeString(etc.resolve("clasp.router.cfg"), "conflictStrategies=/**/peak/*=max\n");
    }

    /** The router's file may be applied after the listener's: wait until a lower value under /…/peak/ is refused. */
    private static void awaitRouterConfigured(int port) {
        Eventually.until("the conflict strategy of clasp.router.cfg in force", STARTUP, () -> {
            try (ClaspWebSocketClient c = ClaspWebSocketClient.connect(port, "strategy probe")) {
                String address = "/probe-" + System.nanoTime() + "/peak/x";
                c.send(new SetMessage(address, Value.of(2L)));
                c.send(new SetMessage(address, Value.of(1L)));
                Message second = c.await(0, m -> m instanceof ErrorMessage || m instanceof AckMessage a && Long.valueOf(2).equals(a.revision()),
                        Duration.ofSeconds(10));
                return second instanceof ErrorMessage e && e.message().equals("ConflictRejected");
            }
        });
    }


    // ---- node

    private static Path repositoryRoot(Path tests) {
        for (Path dir = tests; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package-lock.json"))) return dir;
        }
        throw new AssertionError("no package-lock.json above " + tests);
    }

    /** The node executable (system property clasp.node, else node on the PATH), checked with its packages. */
    private static String requireNode(Path root) throws InterruptedException {
        String node = System.getProperty("clasp.node", "node");
        String version;
        try {
            Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("node --version: " + version);
        } catch (IOException e) {
            throw new AssertionError("The Node interop tests need Node 20+ and npm (" + node + ": " + e.getMessage()
                    + "); install them, then run `npm ci` in " + root, e);
        }
        Matcher major = Pattern.compile("^v(\\d+)\\.").matcher(version);
        if (!major.find() || Integer.parseInt(major.group(1)) < 20) {
            throw new AssertionError("The Node interop tests need Node 20+, " + node + " is " + version);
        }
        for (String pkg : List.of("@clasp-to/core", "ws")) {
            if (!Files.isRegularFile(root.resolve("node_modules").resolve(pkg).resolve("package.json"))) {
                throw new AssertionError("npm package " + pkg + " is not installed: run `npm ci` in " + root);
            }
        }
        try {
            String client = Files.readString(root.resolve("node_modules/@clasp-to/core/package.json"));
            if (!client.matches("(?s).*\"version\"\\s*:\\s*\"" + Pattern.quote(CLIENT_VERSION) + "\".*")) {
                throw new AssertionError("node_modules has another @clasp-to/core than " + CLIENT_VERSION + ": run `npm ci` in " + root);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read node_modules/@clasp-to/core/package.json: run `npm ci` in " + root, e);
        }
        return node;
    }

    private record NodeRun(int exitCode, List<String> lines) {
        String output() {
            return String.join("\n", lines);
        }
    }

    /** Runs the suite, one file after the other, printing its spec report live and writing a JUnit report. */
    private static NodeRun runNode(String node, Path root, Path tests, String url, Path report) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(node, "--test", "--test-concurrency=1", "--test-timeout=60000",
                "--test-reporter=spec", "--test-reporter-destination=stdout",
                "--test-reporter=junit", "--test-reporter-destination=" + report,
                tests.toString())
                .directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CLASP_URL", url);
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("[node] " + line);
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "clasp-itest-node-output");
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
            synchronized (lines) {
                throw new AssertionError("node --test did not finish within " + NODE_TIMEOUT + ":\n" + String.join("\n", lines));
            }
        }
        reader.join(10_000);
        synchronized (lines) {
            return new NodeRun(process.exitValue(), List.copyOf(lines));
        }
    }

    // ---- the JUnit report of node --test

    /** A testsuite (with children) or testcase element of the report; failure and skipped are their messages. */
    private record Result(String name, List<Result> children, String failure, String detail, String skipped) {
        static List<Result> children(Element parent) {
            List<Result> results = new ArrayList<>();
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element e)) continue;
                if (e.getTagName().equals("testsuite")) {
                    results.add(new Result(e.getAttribute("name"), children(e), null, null, null));
                } else if (e.getTagName().equals("testcase")) {
                    Element failure = child(e, "failure");
                    Element skipped = child(e, "skipped");
                    results.add(new Result(e.getAttribute("name"), null,
                            failure == null ? null : failure.getAttribute("message"),
                            failure == null ? null : failure.getTextContent().strip(),
                            skipped == null ? null : skipped.getAttribute("message")));
                }
            }
            return results;
        }

        private static Element child(Element e, String tag) {
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c && c.getTagName().equals(tag)) return c;
            }
            return null;
        }

        boolean failed() {
            return failure != null || (children != null && children.stream().anyMatch(Result::failed));
        }

        DynamicNode toJUnit() {
            if (children != null) {
                return DynamicContainer.dynamicContainer(name, children.stream().map(Result::toJUnit));
            }
            return DynamicTest.dynamicTest(name, () -> {
                if (failure != null) {
                    fail("Node test \"" + name + "\" failed: " + failure + "\n" + detail);
                }
                if (skipped != null) Assumptions.abort("skipped in Node: " + skipped);
            });
        }
    }
}
