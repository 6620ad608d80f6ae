package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.message.ParamEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the exported runtime (6 times here, 20 in {@link StoreKillStressIT}) under a steady 10,000 SET/s (durable mode: 1,000 SET/s at QoS Commit), again and again
 * on the same data folder. In default
 * mode the store commits every {@value #COMMIT_INTERVAL_MILLIS} ms, so a kill may lose the ACKed writes of the last
 * interval and no older one; in durable mode an ACKed write at QoS Commit is on disk before its ACK, so a kill loses
 * none. After each restart every param is read back and compared with the ACKs; the loss window seen is printed.
 * The runtime runs as shipped, without the JaCoCo agent and Netty's paranoid leak tracking the build gives the runtimes
 * of other tests: tracking a stack for every buffer, a runtime ACKs a few hundred SETs in its first second instead of
 * keeping up with 10,000 a second (and a runtime killed with SIGKILL reports neither coverage nor leaks).
 */
class StoreKillIT {
    /** The store's default commit interval (no configuration file: a file would reopen the store once fileinstall reads it). */
    private static final long COMMIT_INTERVAL_MILLIS = 100;
    private static final int RATE = 10_000;
    /**
     * Durable mode ACKs a Commit SET once a commit has it on disk, one commit at a time for one connection: a few
     * thousand a second at most (docs/benchmarks.md), so 10,000 a second would leave nearly every SET of a round
     * unanswered at the kill and the round would check nothing.
     */
    private static final int DURABLE_RATE = 1_000;
    private static final int ADDRESSES = 300;
    private static final String PREFIX = "/kill";

    @TempDir
    Path workDir;

    /** Kills in default mode; the campaign ({@link StoreKillStressIT}, scripts/stress.sh) does more. */
    int kills() { return 6; }

    /** Kills in durable mode. */
    int durableKills() { return 2; }

    @Test
    void aKillLosesNoAckedWriteOlderThanTheCommitInterval() throws Exception {
        long window = rounds(kills(), null, RATE, QoS.CONFIRM,
                TimeUnit.MILLISECONDS.toNanos(COMMIT_INTERVAL_MILLIS));
        System.out.printf("%s: default mode (commit every %d ms), %d kills at %d SET/s: longest loss window %.1f ms%n",
                getClass().getSimpleName(), COMMIT_INTERVAL_MILLIS, kills(), RATE, window / 1e6);
    }

    @Test
    void inDurableModeAKillLosesNoAckedCommitWrite() throws Exception {
        long window = rounds(durableKills(), "durable=true\n", DURABLE_RATE, QoS.COMMIT, -1);
        System.out.printf("%s: durable mode, %d kills at %d SET/s (QoS Commit): longest loss window %.1f ms%n",
                getClass().getSimpleName(), durableKills(), DURABLE_RATE, window / 1e6);
        assertThat(window).as("the loss window in durable mode").isZero();
    }

    /**
     * Kills the runtime {@code kills} times under load, checking after each restart that every ACK older than
     * {@code allowedNanos} at the kill (every ACK at all when negative) is stored; returns the longest loss window seen.
     */
    private long rounds(int kills, String storeConfig, int rate, QoS qos, long allowedNanos) throws Exception {
        StoreRuntime store = new StoreRuntime(workDir, storeConfig);
        Random random = new Random();
        long window = 0;
        List<SetLoad.Ack> previous = null;
        long previousKill = 0;
        for (int round = 0; round <= kills; round++) {
            RuntimeProcess runtime = store.startAsShipped();
            try {
                // with a configuration file the store opens with its defaults, then again once fileinstall applied it
                int openings = storeConfig == null ? 1 : 2;
                Eventually.until("the store opened " + openings + " times", Duration.ofSeconds(60),
                        () -> StoreRuntime.opened(runtime.output()).size(), n -> n >= openings);
                List<String> output = runtime.output();
                assertThat(StoreRuntime.opened(output)).as("round " + round + ": the store opened its file").isNotEmpty();
                assertThat(StoreRuntime.troubles(output)).as("round " + round + ": damage or errors at start").isEmpty();
                if (previous != null) {
                    window = Math.max(window, check(store.port, previous, previousKill, allowedNanos, round));
                }
                if (round == kills) break;
                try (SetLoad load = new SetLoad(store.port, PREFIX, ADDRESSES, rate, qos, (round + 1) * 1_000_000L)) {
                    Thread.sleep(500 + random.nextInt(1000));
                    previousKill = System.nanoTime();
                    runtime.process.destroyForcibly();   // SIGKILL
                    assertThat(runtime.process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
                    load.stop();
                    previous = load.acks();
                    assertThat(load.failures()).as("round " + round + ": SETs refused before the kill").isEmpty();
                    // a freshly started runtime is cold: it ACKs fewer than it is sent, what counts is that it ACKed
                    assertThat(previous).as("round " + round + ": ACKed SETs before the kill; " + load).isNotEmpty();
                    System.out.printf("StoreKillIT round %d: killed %d ms into the load; %s%n", round,
                            TimeUnit.NANOSECONDS.toMillis(previousKill - load.startNanos()), load);
                }
            } finally {
                runtime.close();
            }
        }
        return window;
    }

    /**
     * Compares the stored params with the ACKs of the round killed at {@code killNanos}: fails if an ACK older than
     * {@code allowedNanos} (any ACK when negative) is missing; returns the age at the kill of the oldest missing one.
     */
    private static long check(int port, List<SetLoad.Ack> acks, long killNanos, long allowedNanos, int round) throws Exception {
        Map<String, ParamEntry> stored = read(port);
        long window = 0;
        int missing = 0;
        List<String> lost = new ArrayList<>();
        for (SetLoad.Ack ack : acks) {
            ParamEntry p = stored.get(ack.address());
            boolean kept = p != null && (p.revision() > ack.revision()
                    || p.revision() == ack.revision() && p.value().equals(Value.of(ack.value())));
            if (kept) continue;
            missing++;
            long age = killNanos - ack.nanos();
            window = Math.max(window, Math.max(age, 0));
            if (allowedNanos < 0 || age > allowedNanos) {
                lost.add(ack + " ACKed " + age / 1_000_000 + " ms before the kill, stored " + p);
            }
        }
        System.out.printf("StoreKillIT round %d: %d of %d ACKed writes missing after the restart, loss window %.1f ms%n",
                round - 1, missing, acks.size(), window / 1e6);
        assertThat(lost).as("round %d: ACKed writes lost by the kill (%d ACKs)", round - 1, acks.size()).isEmpty();
        return window;
    }

    private static Map<String, ParamEntry> read(int port) throws Exception {
        return StoreRuntime.read(port, IntStream.range(0, ADDRESSES).mapToObj(i -> SetLoad.address(PREFIX, i)).toList());
    }
}
