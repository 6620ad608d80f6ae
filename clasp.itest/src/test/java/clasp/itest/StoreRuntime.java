package clasp.itest;

import clasp.api.message.GetMessage;
import clasp.api.message.ParamEntry;
import clasp.api.message.PingMessage;
import clasp.api.message.PongMessage;
import clasp.api.message.SnapshotMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exported runtime with its param store (clasp.store.mvstore) for the persistence tests: one working directory
 * whose {@code data/store} folder outlives the runtime processes started on it, a quiet listener on a free port
 * and, optionally, the store's configuration file.
 */
final class StoreRuntime {
    /** Logged by the store each time it opens its file: "opened <file>: <n> params, <s> signals, ...". */
    static final String OPENED = "clasp.store.mvstore: opened ";
    /** Logged by the store when it found its file damaged at start. */
    static final String DAMAGED = " was damaged (";
    static final Duration STARTUP = Duration.ofSeconds(60);

    final Path workDir;
    final int port;
    private final RuntimeJar jar;

    /** Prepares {@code workDir}: etc/ with a quiet listener and, unless null, {@code storeConfig} as the store's file. */
    StoreRuntime(Path workDir, String storeConfig) throws IOException {
        this.workDir = workDir;
        this.jar = RuntimeJar.fromSystemProperty();
        Path etc = workDir.resolve("etc");
        this.port = RuntimeProcess.quietListener(etc);
        if (storeConfig != null) Files.writeString(etc.resolve("clasp.store.mvstore.cfg"), storeConfig);
    }

    /** The store's file, where the store keeps it by default. */
    Path storeFile() {
        return workDir.resolve("data").resolve("store").resolve("clasp.mv.db");
    }

    /** Starts {@code java -jar clasp.jar} on the folder and returns once every bundle is active and the listener accepts. */
    RuntimeProcess start() throws IOException, InterruptedException {
        return start(new RuntimeProcess(jar, workDir));
    }

    /**
     * As {@link #start()}, but the runtime as shipped: without the JaCoCo agent and the paranoid leak tracking the
     * build gives every runtime a test starts, for a test that needs the runtime's own speed.
     */
    RuntimeProcess startAsShipped() throws IOException, InterruptedException {
        return start(new RuntimeProcess(jar, workDir, false));
    }

    private RuntimeProcess start(RuntimeProcess runtime) throws InterruptedException {
        try {
            runtime.awaitLine(RuntimeProcess.STATUS, STARTUP);
            runtime.awaitListening(port, STARTUP);
        } catch (AssertionError | InterruptedException e) {
            runtime.process.destroyForcibly().waitFor();
            throw e;
        }
        return runtime;
    }

    /** The params at {@code addresses}, read back with a GET each (one round trip: GETs are answered in order, then the PONG). */
    static Map<String, ParamEntry> read(int port, List<String> addresses) throws Exception {
        try (ClaspWebSocketClient reader = ClaspWebSocketClient.connect(port, "store reader")) {
            int from = reader.count();
            for (String address : addresses) reader.send(new GetMessage(address));
            reader.send(PingMessage.INSTANCE);
            reader.await(from, m -> m instanceof PongMessage, Duration.ofSeconds(30));
            Map<String, ParamEntry> params = new HashMap<>();
            for (ClaspWebSocketClient.Received r : reader.since(from)) {
                if (r.message() instanceof SnapshotMessage s) s.params().forEach(p -> params.put(p.address(), p));
            }
            return params;
        }
    }

    /** The store's "opened" lines in {@code output}, in order. */
    static List<String> opened(List<String> output) {
        return output.stream().filter(line -> line.contains(OPENED)).toList();
    }

    /** The lines of {@code output} that tell of a damaged store file, or of an error. */
    static List<String> troubles(List<String> output) {
        return output.stream().filter(line -> line.contains(DAMAGED) || line.contains(" ERROR ")
                || line.contains("OverlappingFileLockException")).toList();
    }
}
