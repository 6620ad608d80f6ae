package clasp.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The real OpenSSH client ({@code ssh}, {@code ssh-keygen}) against a runtime's SSH shell on 127.0.0.1: keys made in a
 * folder, no host key checking or known_hosts, no agent and no password prompt (BatchMode), only the key given.
 */
final class OpenSsh {
    /** CSI and two-character escapes, and CR: what a terminal shows, as text. */
    private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B[=>78]|\r");
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** What an ssh run gave. */
    record Result(int exit, String out, String err) {
    }

    private final int port;

    OpenSsh(int port) {
        this.port = port;
    }

    /** A new ed25519 key pair without passphrase at {@code file} and {@code file}.pub. */
    static Path keygen(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", file.getFileName().toString(), "-f", file.toString()));
        return file;
    }

    /** The key's SHA256 fingerprint as OpenSSH and the audit log print it: {@code SHA256:…}. */
    static String fingerprint(Path key) throws IOException, InterruptedException {
        String line = run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub")).out();
        return line.split(" ")[1];
    }

    /** {@code ssh -i key user@127.0.0.1 command}, no terminal. */
    Result exec(Path key, String user, String command, String... options) throws IOException, InterruptedException {
        List<String> args = command(key, user, options);
        args.add(command);
        return run(args);
    }

    /**
     * An interactive session ({@code ssh -tt}, TERM=xterm): types each line once the prompt is there, and returns
     * what the terminal showed, escapes removed, once ssh ended.
     */
    Result shell(Path key, String user, String prompt, String... lines) throws IOException, InterruptedException {
        List<String> args = command(key, user, new String[0]);
        args.add(1, "-tt");
        ProcessBuilder builder = new ProcessBuilder(args);
        builder.environment().put("TERM", "xterm");
        Process ssh = builder.start();
        StringBuilder shown = new StringBuilder();
        Thread reader = pump(ssh.getInputStream(), shown);
        try (OutputStream in = ssh.getOutputStream()) {
            int prompts = 0;
            for (String line : lines) {
                awaitCount(shown, prompt, ++prompts, ssh);
                in.write((line + "\r").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            if (!ssh.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                ssh.destroyForcibly();
                throw new AssertionError("the SSH session did not end; it showed:\n" + text(shown));
            }
        }
        reader.join(WAIT.toMillis());
        return new Result(ssh.exitValue(), text(shown), new String(ssh.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private List<String> command(Path key, String user, String[] options) {
        List<String> args = new ArrayList<>(List.of("ssh", "-p", Integer.toString(port), "-i", key.toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=20"));
        for (String option : options) {
            args.add("-o");
            args.add(option);
        }
        args.add(user + "@127.0.0.1");
        return args;
    }

    private static Result run(List<String> args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Thread outReader = pump(process.getInputStream(), out);
        Thread errReader = pump(process.getErrorStream(), err);
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not end within " + WAIT);
        }
        outReader.join(WAIT.toMillis());
        errReader.join(WAIT.toMillis());
        synchronized (out) {
            synchronized (err) {
                return new Result(process.exitValue(), out.toString(), err.toString());
            }
        }
    }

    private static Thread pump(InputStream stream, StringBuilder into) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (stream) {
                for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
                    synchronized (into) {
                        into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        into.notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the process ended
            }
        }, "clasp-itest-ssh-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void awaitCount(StringBuilder shown, String text, int count, Process ssh) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        synchronized (shown) {
            while (occurrences(text(shown), text) < count) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || !ssh.isAlive() && occurrences(text(shown), text) < count) {
                    throw new AssertionError("no prompt #" + count + " (\"" + text + "\"); the terminal showed:\n" + text(shown));
                }
                shown.wait(Math.min(left, 200));
            }
        }
    }

    private static int occurrences(String in, String text) {
        int n = 0;
        for (int i = in.indexOf(text); i >= 0; i = in.indexOf(text, i + text.length())) n++;
        return n;
    }

    private static String text(StringBuilder shown) {
        synchronized (shown) {
            return ESCAPES.matcher(shown).replaceAll("");
        }
    }
}
