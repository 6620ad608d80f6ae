package clasp.itest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, showing one page, read through the DevTools protocol (its JSON over a WebSocket, with
 * the JDK's HTTP client): {@link #text} evaluates an expression in the page and returns its text. No driver, no
 * browser download; the profile lives in a temporary folder.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern PAGE_SOCKET = Pattern.compile("\"type\"\\s*:\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"|\"webSocketDebuggerUrl\"\\s*:\\s*\"(ws://[^\"]+/page/[^\"]+)\"");
    private static final Pattern RESULT_VALUE = Pattern.compile("\"result\"\\s*:\\s*\\{\\s*\"result\"\\s*:\\s*\\{[^}]*?\"value\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Process process;
    private final Path profile;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket devtools;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CompletableFuture<String> reply = new CompletableFuture<>();

    HeadlessChromium(String url) throws Exception {
        profile = Files.createTempDirectory("clasp-chromium");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        process = new ProcessBuilder("chromium", "--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile, "--remote-debugging-port=" + port, url)
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        String socket = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (socket == null) {
            try {
                String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = PAGE_SOCKET.matcher(list);
                if (m.find()) socket = m.group(1) != null ? m.group(1) : m.group(2);
            } catch (IOException starting) {
                // not listening yet
            }
            if (socket == null) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("chromium did not open its page: " + Files.readString(profile.resolve("chromium.log")));
                }
                Thread.sleep(100);
            }
        }
        devtools = http.newWebSocketBuilder().buildAsync(URI.create(socket), new Replies()).get(30, TimeUnit.SECONDS);
    }

    /** The text {@code expression} (a JavaScript expression giving a string) has in the page now. */
    String text(String expression) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        reply = answer;
        String escaped = expression.replace("\\", "\\\\").replace("\"", "\\\"");
        devtools.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Runtime.evaluate\",\"params\":{\"expression\":\""
                + escaped + "\",\"returnByValue\":true}}", true).get(10, TimeUnit.SECONDS);
        String json = answer.get(30, TimeUnit.SECONDS);
        Matcher m = RESULT_VALUE.matcher(json);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : "";
    }

    @Override
    public void close() throws IOException {
        if (devtools != null) devtools.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** DevTools messages: the answers to {@link #text}'s evaluations (events are ignored). */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String m = message.toString();
                message.setLength(0);
                if (m.startsWith("{\"id\":")) reply.complete(m);
            }
            socket.request(1);
            return null;
        }
    }
}
