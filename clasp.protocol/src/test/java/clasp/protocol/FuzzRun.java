package clasp.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a fuzz target over generated inputs on the calling thread, in batches: counts the outcome kinds the target
 * reports, keeps every crash (anything the target throws), times each input with a watchdog thread (an input still
 * running after {@code fuzz.hangMillis}, 2000 by default, is a hang, printed at once with its hex), and asks Netty's
 * leak detector for ByteBuf leaks every 100,000 inputs and at the end. Crashing and hanging inputs are also written
 * as hex files under {@code target/fuzz-findings/<target>/}, ready to become regression inputs.
 */
public final class FuzzRun {
    /** What is fuzzed. */
    public interface Target {
        /** Feeds one input; returns the kind of outcome (e.g. "rejected TRUNCATED"); throws when the input crashed it. */
        String feed(FuzzInput input) throws Exception;

        /** Runs after each batch: throws when the target no longer works as it should. */
        default void afterBatch() throws Exception { }
    }

    /** A crash or a hang, with the input that caused it (the last input of the batch for a failed batch check). */
    public record Finding(String kind, String detail, FuzzInput input) { }

    /** What a run saw. */
    public record Result(String target, long seed, long inputs, long nanos, List<Finding> crashes, List<Finding> hangs,
            List<String> leaks, Map<String, Long> outcomes) {
        public long inputsPerSecond() { return nanos == 0 ? 0 : inputs * 1_000_000_000L / nanos; }

        public boolean clean() { return crashes.isEmpty() && hangs.isEmpty() && leaks.isEmpty(); }

        public String summary() {
            StringBuilder sb = new StringBuilder(String.format(
                    "fuzz %s: %d inputs, seed %d, %.1f s, %d inputs/s; crashes %d, hangs %d, leaks %d; %d outcome kinds:",
                    target, inputs, seed, nanos / 1e9, inputsPerSecond(), crashes.size(), hangs.size(), leaks.size(),
                    outcomes.size()));
            outcomes.forEach((kind, n) -> sb.append(String.format("%n  %-58s %,12d", kind, n)));
            for (Finding f : crashes) sb.append("\n  CRASH ").append(f.kind()).append(": ").append(f.detail())
                    .append(" (").append(f.input().how()).append(") ").append(f.input().hex());
            for (Finding f : hangs) sb.append("\n  HANG ").append(f.detail()).append(" (").append(f.input().how())
                    .append(") ").append(f.input().hex());
            for (String l : leaks) sb.append("\n  LEAK ").append(l);
            return sb.toString();
        }
    }

    private static final int KEPT = 50;
    private static final long SWEEP_EVERY = 100_000;
    private static final long PROGRESS_EVERY = 1_000_000;

    private final String name;
    private final Target target;
    private final int batch;
    private final long hangNanos;
    private final List<Finding> crashes = new ArrayList<>();
    private final List<Finding> hangs = new ArrayList<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final AtomicLong crashCount = new AtomicLong();
    private volatile FuzzInput current;
    private volatile long currentSince;

    public FuzzRun(String name, Target target, int batch) {
        this(name, target, batch, Long.getLong("fuzz.hangMillis", 2000));
    }

    FuzzRun(String name, Target target, int batch, long hangMillis) {
        this.name = name;
        this.target = target;
        this.batch = batch;
        this.hangNanos = hangMillis * 1_000_000;
    }

    /** The hangs the watchdog has seen so far in this run. */
    int hangCount() {
        synchronized (hangs) {
            return hangs.size();
        }
    }

    /** Feeds {@code inputs} inputs from {@code generator} (made with {@code seed}, which the result names). */
    public Result run(FrameMutator generator, long seed, long inputs) {
        LeakWatch.install();
        int leaksBefore = LeakWatch.leaks().size();
        Thread watchdog = startWatchdog();
        long started = System.nanoTime();
        try {
            for (long i = 0; i < inputs; i++) {
                FuzzInput in = generator.next();
                feed(in);
                if ((i + 1) % batch == 0 || i + 1 == inputs) checkBatch(in);
                if ((i + 1) % SWEEP_EVERY == 0) LeakWatch.sweep();
                if ((i + 1) % PROGRESS_EVERY == 0) {
                    System.out.printf("fuzz %s: %,d inputs, %d inputs/s, crashes %d, hangs %d, leaks %d%n", name, i + 1,
                            (i + 1) * 1_000_000_000L / (System.nanoTime() - started), crashCount.get(), hangs.size(),
                            LeakWatch.leaks().size() - leaksBefore);
                }
            }
        } finally {
            watchdog.interrupt();
        }
        long nanos = System.nanoTime() - started;
        LeakWatch.sweep();
        List<String> all = LeakWatch.leaks();
        return new Result(name, seed, inputs, nanos, List.copyOf(crashes), snapshotHangs(),
                all.subList(leaksBefore, all.size()), Collections.unmodifiableMap(new TreeMap<>(outcomes)));
    }

    /** Feeds the given inputs once each (the regression inputs), checking after each one. */
    public Result replay(List<FuzzInput> inputs) {
        LeakWatch.install();
        int leaksBefore = LeakWatch.leaks().size();
        Thread watchdog = startWatchdog();
        long started = System.nanoTime();
        try {
            for (FuzzInput in : inputs) {
                feed(in);
                checkBatch(in);
            }
        } finally {
            watchdog.interrupt();
        }
        long nanos = System.nanoTime() - started;
        LeakWatch.sweep();
        List<String> all = LeakWatch.leaks();
        return new Result(name, 0, inputs.size(), nanos, List.copyOf(crashes), snapshotHangs(),
                all.subList(leaksBefore, all.size()), Collections.unmodifiableMap(new TreeMap<>(outcomes)));
    }

    private void feed(FuzzInput in) {
        begin(in);
        try {
            outcomes.merge(target.feed(in), 1L, Long::sum);
        } catch (Throwable t) {
            crash(t, in, "");
        } finally {
            end();
        }
    }

    private void checkBatch(FuzzInput last) {
        begin(new FuzzInput(last.bytes(), "batch check after " + last.how()));
        try {
            target.afterBatch();
        } catch (Throwable t) {
            crash(t, last, "batch check: ");
        } finally {
            end();
        }
    }

    private void crash(Throwable t, FuzzInput in, String prefix) {
        long n = crashCount.incrementAndGet();
        String kind = prefix + kindOf(t);
        outcomes.merge("CRASH " + kind, 1L, Long::sum);
        if (crashes.size() < KEPT) {
            crashes.add(new Finding(kind, String.valueOf(t), in));
            keep("crash-" + n, kind + ": " + t, in);
            t.printStackTrace();
        }
    }

    /** The exception class and where it was thrown: one kind per distinct bug. */
    static String kindOf(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return t.getClass().getSimpleName() + (trace.length > 0 ? " at " + trace[0].getClassName() + "."
                + trace[0].getMethodName() : "");
    }

    private void begin(FuzzInput in) {
        currentSince = System.nanoTime();
        current = in;
    }

    private void end() { current = null; }

    private Thread startWatchdog() {
        Thread t = new Thread(() -> {
            FuzzInput reported = null;
            while (!Thread.currentThread().isInterrupted()) {
                FuzzInput in = current;
                long elapsed = System.nanoTime() - currentSince;
                if (in != null && in != reported && elapsed > hangNanos) {
                    reported = in;
                    String detail = "still running after " + elapsed / 1_000_000 + " ms";
                    synchronized (hangs) {
                        hangs.add(new Finding("hang", detail, in));
                    }
                    System.err.println("fuzz " + name + ": HANG " + detail + " (" + in.how() + ") " + in.hex());
                    keep("hang-" + hangs.size(), detail, in);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fuzz-watchdog-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private List<Finding> snapshotHangs() {
        synchronized (hangs) {
            return List.copyOf(hangs);
        }
    }

    /** Writes the input as a hex file with what it caused as a comment line. */
    private void keep(String file, String what, FuzzInput in) {
        try {
            Path dir = Path.of("target", "fuzz-findings", name);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file + ".hex"), "# " + what.replace('\n', ' ') + " (" + in.how() + ")\n"
                    + in.hex() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
