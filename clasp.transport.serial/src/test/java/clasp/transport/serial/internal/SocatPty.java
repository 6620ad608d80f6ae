package clasp.transport.serial.internal;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real pty pair made by socat: {@code ttyA} is the port the transport opens, {@code ttyB} the device's end. Killing
 * socat removes both links, as unplugging a USB adapter removes its device node; starting it again recreates them.
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
        process = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + ttyA, "pty,raw,echo=0,link=" + ttyB)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await("socat links " + ttyA + " and " + ttyB).atMost(WAIT)
                .until(() -> Files.exists(ttyA) && Files.exists(ttyB) || !process.isAlive());
        if (!process.isAlive()) throw new IOException("socat ended: " + Files.readString(log));
        return this;
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
