package clasp.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exported runtime run interactively, as an administrator runs it from a terminal: tmux gives it one, so
 * that the Gogo shell reads commands. The test types into it ({@code tmux send-keys}) and reads what it prints
 * from a log of the terminal's output ({@code tmux pipe-pane}) with the terminal's escape sequences removed.
 * Every instance has a tmux server of its own, its socket in the working directory, which {@link #close} kills
 * with the runtime.
 */
final class RuntimeTerminal implements AutoCloseable {
    /** CSI (colours, cursor, modes), OSC, and two-character escapes such as keypad modes. */
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|\u001B[()][0-9A-Za-z]|\u001B[=>78]|\r");
    private static final Pattern PROMPT = Pattern.compile("g! ");

    private final Path socket;
    private final Path log;
    // The runtime: the pane's process, java exec'd by the shell. A handle taken at start knows its start time,
    // so it never mistakes a later process that reuses the pid for the runtime.
    private ProcessHandle runtime;

    private RuntimeTerminal(Path socket, Path log) {
        this.socket = socket;
        this.log = log;
    }

    /** Starts {@code java [jvmOptions] -jar clasp.jar} in {@code workDir} in a 200 × 50 terminal. */
    static RuntimeTerminal start(RuntimeJar jar, Path workDir, String... jvmOptions) throws IOException, InterruptedException {
        requireTmux();
        Files.createDirectories(workDir);
        Path socket = workDir.toAbsolutePath().resolve("tmux.socket");
        Path log = workDir.resolve("terminal.log");
        Files.deleteIfExists(log);
        Files.createFile(log);
        StringBuilder java = new StringBuilder("cd ").append(quote(workDir.toString())).append(" && exec ")
                .append(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : RuntimeJvm.inherited()) java.append(' ').append(quote(option));
        for (String option : jvmOptions) java.append(' ').append(quote(option));
        java.append(" -jar ").append(quote(jar.path().toString()));
        RuntimeTerminal terminal = new RuntimeTerminal(socket, log);
        try {
            terminal.launch(java.toString());
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            terminal.close();
            throw e;
        }
        return terminal;
    }

    private void launch(String java) throws IOException, InterruptedException {
        // One tmux command line, so that the log and remain-on-exit are in place before java prints anything.
        tmux("set-option", "-g", "history-limit", "100000", ";",
                "new-session", "-d", "-s", "clasp", "-x", "200", "-y", "50", java, ";",
                "set-option", "-t", "clasp", "remain-on-exit", "on", ";",
                "pipe-pane", "-t", "clasp", "-o", "cat >> " + quote(log.toString()));
        long pid = Long.parseLong(tmux("list-panes", "-t", "clasp", "-F", "#{pane_pid}").trim());
        runtime = ProcessHandle.of(pid).orElse(null);
    }

    /** Fails, saying how to get it, when tmux is not installed. */
    static void requireTmux() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            if (p.waitFor() == 0) return;
        } catch (IOException e) {
            // not installed: fall through
        }
        throw new AssertionError("tmux is needed to run the runtime in a terminal (interactive Gogo shell): "
                + "install the Debian package tmux (scripts/test.sh installs it)");
    }

    /** Types {@code command} and Enter. */
    void type(String command) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "clasp", "-l", command);
        tmux("send-keys", "-t", "clasp", "Enter");
    }

    /** Presses a key by tmux's name for it, e.g. {@code C-c} (Ctrl-C) or {@code C-d}. */
    void press(String key) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "clasp", key);
    }

    /** What the terminal printed so far, without escape sequences. */
    String output() throws IOException {
        String raw = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        return ESCAPES.matcher(raw).replaceAll("");
    }

    /** A position in {@link #output()}, for {@link #await} to look only at what comes after it. */
    int mark() throws IOException {
        return output().length();
    }

    /** The first match of {@code pattern} in the output after {@code from}; fails after {@code timeout}. */
    Matcher await(int from, Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            String out = output();
            Matcher m = pattern.matcher(out);
            if (from <= out.length() && m.find(from)) return m;
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the terminal showed no \"" + pattern + "\" within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** Waits for the shell's first prompt. */
    void awaitPrompt(Duration timeout) throws IOException, InterruptedException {
        await(0, PROMPT, timeout);
    }

    /** Types {@code command} and returns the first match of {@code expected} in what follows. */
    Matcher run(String command, Pattern expected, Duration timeout) throws IOException, InterruptedException {
        int from = mark();
        type(command);
        return await(from, expected, timeout);
    }

    /** Runs {@code clasp.transport:list} until one of its lines matches the regular expression {@code line}. */
    void awaitListed(String line) {
        Pattern listed = Pattern.compile(line);
        Eventually.until("clasp.transport:list shows /" + line + "/", Duration.ofSeconds(60), () -> {
            int from = mark();
            run("clasp.transport:list", Pattern.compile("ID +KIND (?s:.*?)g! "), Duration.ofSeconds(30)); // the table, then the prompt
            return listed.matcher(output().substring(from)).find();
        });
    }

    /** True once the runtime's process has ended (the pane stays, showing its last screen). */
    boolean exited() throws IOException, InterruptedException {
        return tmux("list-panes", "-t", "clasp", "-F", "#{pane_dead}").trim().equals("1");
    }

    /** The names of the runtime's live threads, from {@code jcmd <pid> Thread.print}. */
    List<String> threads() throws IOException, InterruptedException {
        if (runtime == null || !runtime.isAlive()) throw new AssertionError("the runtime is not running");
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(runtime.pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError("jcmd Thread.print failed: " + out);
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("^\"([^\"]*)\"", Pattern.MULTILINE).matcher(out);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** The screen and its scrollback as the administrator would see it, for failure messages. */
    String screen() {
        try {
            return tmux("capture-pane", "-t", "clasp", "-p", "-J", "-S", "-").stripTrailing();
        } catch (IOException | InterruptedException | AssertionError e) {
            try {
                return output();
            } catch (IOException again) {
                return "(no terminal output: " + e + ")";
            }
        }
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError(String.join(" ", command) + " failed: " + out);
        return out;
    }

    /** Quoted for the shell tmux runs the command with. */
    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Kills the tmux server and with it (SIGHUP) the runtime, if it still runs; then forcibly if it lingers.
     * Fails if the runtime reported a ByteBuf leak.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            tmux("kill-server");
        } catch (AssertionError alreadyGone) {
            // the server had ended already
        }
        if (runtime != null && runtime.isAlive()) {
            try {
                runtime.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                runtime.destroyForcibly();
            }
        }
        RuntimeJvm.assertNoLeak("the runtime in the terminal", output().lines().collect(java.util.stream.Collectors.toList()));
    }
}
