package clasp.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Maven as a user would in a folder of their own, with the Maven and the local repository of the build that
 * runs the tests (offline when it is): the projects a test builds resolve clasp.api and the archetype as this
 * build installed them, and install into the same repository, from where the runtime's {@code mvn:} URLs resolve.
 */
final class Maven {
    private static final long TIMEOUT_MINUTES = 10;

    private Maven() { }

    /** The local repository of this build. */
    static Path repository() {
        return Path.of(property("clasp.maven.repository"));
    }

    /**
     * Runs {@code mvn -B -ntp [-o] -Dmaven.repo.local=... args} in {@code dir}; returns its output, also written
     * to {@code dir/../<name>.log}; fails with the output's end when Maven fails.
     */
    static String run(Path dir, String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(property("clasp.maven.home"), "bin", "mvn").toString(),
                "-B", "-ntp", "-Dmaven.repo.local=" + repository()));
        // "offline=true" (the pom writes the setting so: a bare boolean is no system property value)
        if (String.valueOf(System.getProperty("clasp.maven.offline")).endsWith("=true")) command.add("-o");
        command.addAll(List.of(args));
        Path log = dir.resolveSibling(name + ".log");
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " ran longer than " + TIMEOUT_MINUTES + " min; " + log);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " in " + dir + " failed (" + p.exitValue() + "):\n"
                    + out.substring(Math.max(0, out.length() - 6000)));
        }
        return out;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (clasp.itest's pom sets it)");
        }
        return value;
    }
}
