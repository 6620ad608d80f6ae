package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.message.ParamEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The param store bundle updated, uninstalled and installed again from the runtime's shell (the exported runtime in a
 * terminal) while a client keeps SETting: no write is refused, the router falls back to memory and says so, every
 * param read after each step is the last one ACKed (nothing stale), the store file takes up what was written while it
 * was away, and a restart finds the latest values in it.
 */
class StoreSwapIT {
    private static final String PREFIX = "/swap";
    private static final int ADDRESSES = 50;
    private static final int RATE = 1_000;
    /** SETs ACKed before and after each step: about 0.3 s of traffic at RATE. */
    private static final int ACKS_PER_PHASE = 300;
    private static final Duration SHELL = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String STORE_BSN = "clasp.store.mvstore";
    private static final Pattern BUNDLE_ID = Pattern.compile("Bundle ID: (\\d+)");
    private static final String MEMORY = "clasp.router: params now live in clasp.router.internal.param.MemoryParamStore";
    private static final String BACK_ON_DISK = "clasp.router: params now live in clasp.store.mvstore";

    @TempDir
    Path workDir;

    @Test
    void theStoreIsUpdatedRemovedAndReinstalledUnderTrafficAndNothingIsStaleOrLost() throws Exception {
        StoreRuntime store = new StoreRuntime(workDir, null);
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path storeJar = storeJar(jar);
        Map<String, SetLoad.Ack> latest;
        try (RuntimeTerminal terminal = RuntimeTerminal.start(jar, workDir)) {
            terminal.awaitPrompt(Duration.ofSeconds(60));
            Eventually.until("the listener on " + store.port, WAIT, () -> Net.probe(store.port) == 200);
            long id = Long.parseLong(terminal.run("lb -s " + STORE_BSN,
                    Pattern.compile("(\\d+)\\s*\\|Active\\s*\\|\\s*\\d+\\|" + Pattern.quote(STORE_BSN)), SHELL).group(1));

            int mark = terminal.mark();
            step(store, 1, () -> terminal.type("update " + id + " " + storeJar.toUri()),
                    () -> awaitAfter(terminal, mark, StoreRuntime.OPENED));

            int uninstalled = terminal.mark();
            step(store, 2, () -> terminal.type("uninstall " + id),
                    () -> awaitAfter(terminal, uninstalled, MEMORY));

            int reinstalled = terminal.mark();
            latest = step(store, 3, () -> {
                        long again = Long.parseLong(terminal.run("install " + storeJar.toUri(), BUNDLE_ID, SHELL).group(1));
                        terminal.type("start " + again);
                    },
                    () -> {
                        awaitAfter(terminal, reinstalled, StoreRuntime.OPENED);
                        awaitAfter(terminal, reinstalled, BACK_ON_DISK);
                    });

            List<String> log = terminal.output().lines().toList();
            assertThat(StoreRuntime.troubles(log)).as("damage, errors or a file lock overlap in the log").isEmpty();
            assertThat(log).noneMatch(line -> line.contains("Exception"));
            int stopping = terminal.mark();
            terminal.type("stop 0");
            Eventually.until("the runtime stopped", Duration.ofSeconds(60), terminal::exited);
            assertThat(terminal.output().substring(stopping)).doesNotContain(" ERROR ").doesNotContain("Exception");
        }

        // the store file has the latest values
        try (RuntimeProcess again = store.start()) {
            assertThat(StoreRuntime.opened(again.output())).singleElement().asString()
                    .contains("clasp.mv.db: " + ADDRESSES + " params");
            assertLatest(store.port, latest, "after a restart");
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /**
     * One step under traffic: starts a load, does {@code action}, waits for {@code done}, stops the load and checks
     * that no SET was refused and that every param reads as its last ACK; returns the last ACK of each address.
     */
    /** Waits until the load has had {@value #ACKS_PER_PHASE} more SETs ACKed than {@code before}. */
    private static void awaitMoreAcks(SetLoad load, int before) {
        Awaitility.await("ACKs beyond " + before).atMost(WAIT).until(() -> load.acks().size() >= before + ACKS_PER_PHASE);
    }

    private static Map<String, SetLoad.Ack> step(StoreRuntime store, int step, Action action, Action done) throws Exception {
        Map<String, SetLoad.Ack> latest;
        try (SetLoad load = new SetLoad(store.port, PREFIX, ADDRESSES, RATE, QoS.CONFIRM, step * 1_000_000L)) {
            awaitMoreAcks(load, 0);   // traffic flows before the step...
            action.run();
            done.run();
            awaitMoreAcks(load, load.acks().size());   // ...and after it
            load.stopAndSettle(WAIT);
            assertThat(load.failures()).as("step %d: SETs refused", step).isEmpty();
            latest = load.latest();
            assertThat(latest).as("step %d: addresses written", step).hasSize(ADDRESSES);
        }
        assertLatest(store.port, latest, "after step " + step);
        return latest;
    }

    private static void assertLatest(int port, Map<String, SetLoad.Ack> latest, String when) throws Exception {
        Map<String, ParamEntry> stored = StoreRuntime.read(port,
                IntStream.range(0, ADDRESSES).mapToObj(i -> SetLoad.address(PREFIX, i)).toList());
        for (SetLoad.Ack ack : latest.values()) {
            ParamEntry p = stored.get(ack.address());
            assertThat(p).as(when + ": " + ack.address()).isNotNull();
            assertThat(p.revision()).as(when + ": revision of " + ack.address()).isEqualTo(ack.revision());
            assertThat(p.value()).as(when + ": value of " + ack.address()).isEqualTo(Value.of(ack.value()));
        }
    }

    private static void awaitAfter(RuntimeTerminal terminal, int mark, String text) throws Exception {
        try {
            terminal.await(mark, Pattern.compile(Pattern.quote(text)), WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the terminal since:\n" + terminal.output().substring(mark));
        }
    }

    /** The store bundle's jar, taken out of clasp.jar. */
    private Path storeJar(RuntimeJar jar) throws Exception {
        List<Path> files = jar.extractBundles(workDir.resolve("bundles"));
        for (int i = 0; i < files.size(); i++) {
            if (jar.bundles().get(i).symbolicName().equals(STORE_BSN)) return files.get(i);
        }
        throw new AssertionError(jar.path() + " has no " + STORE_BSN);
    }
}
