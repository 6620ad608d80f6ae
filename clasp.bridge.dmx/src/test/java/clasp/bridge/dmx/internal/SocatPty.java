package clasp.bridge.dmx.internal;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A pseudo-terminal pair made by {@code socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B}: the bridge opens
 * {@code ttyA}, the test's widget {@code ttyB}. Killing socat removes both links, as unplugging a USB interface removes
 * its device node; {@link #start} again recreates them at the same paths.
 */
final class SocatPty implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);

    final Path ttyA;
    final Path ttyB;
    private final Path log;
    private Process process;

    SocatPty(Path dir, String name) {
        this.ttyA = dir.resolve(name + "A");
        this.ttyB = dir.resolve(name + "B");
        this.log = dir.resolve(name + "-socat.log");
    }

    /** Starts socat and waits until both links exist. */
    SocatPty start() throws IOException {
        process = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + ttyA, "pty,raw,echo=0,link=" + ttyB)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await("socat links " + ttyA + " and " + ttyB).atMost(WAIT)
                .until(() -> Files.exists(ttyA) && Files.exists(ttyB) || !process.isAlive());
        if (!process.isAlive()) throw new IOException("socat ended: " + Files.readString(log));
        return this;
    }

    /** The pty device {@code ttyA} links to, e.g. /dev/pts/3. */
    Path deviceA() throws IOException {
        return ttyA.toRealPath();
    }

    /** Kills socat: both ends vanish. */
    void kill() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        process.waitFor();
        process = null;
        await("socat links gone").atMost(WAIT).until(() -> !Files.exists(ttyA) && !Files.exists(ttyB));
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
