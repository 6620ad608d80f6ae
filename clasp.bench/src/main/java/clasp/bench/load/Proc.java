package clasp.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Readings of a process from /proc: CPU time (utime + stime) and resident memory. */
public final class Proc {
    private static final long CLOCK_TICKS = clockTicks();

    private Proc() { }

    /** Clock ticks per second ({@code getconf CLK_TCK}), 100 if that cannot be run. */
    static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    static long ticksPerSecond() { return CLOCK_TICKS; }

    /** User plus system CPU time of the process, all threads, in µs (resolution one clock tick). */
    public static long cpuMicros(long pid) { return statMicros(pid, 14) + statMicros(pid, 15); }

    /**
     * User plus system CPU time of the process's JIT compiler threads ({@code C1/C2 CompilerThread…}), in µs: the
     * warm-up work a JVM does once per code path, which a native broker never does. 0 for a process without them.
     */
    static long jitMicros(long pid) {
        long micros = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException gone) {
                    continue;   // the thread ended meanwhile
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) micros += statMicros(stat, 14) + statMicros(stat, 15);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return micros;
    }

    /** System (kernel) CPU time of the process, all threads, in µs. */
    static long systemMicros(long pid) { return statMicros(pid, 15); }

    /** Field {@code field} (1-based, as in proc(5): 14 utime, 15 stime) of /proc/pid/stat, ticks as µs. */
    private static long statMicros(long pid, int field) {
        return statMicros(read(Path.of("/proc", Long.toString(pid), "stat")), field);
    }

    /** Field {@code field} of a /proc stat line, ticks as µs. */
    private static long statMicros(String stat, int field) {
        // Fields after the command name in parentheses, which may itself hold spaces: state is field 3.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[field - 3]) * 1_000_000L / CLOCK_TICKS;
    }

    /** VmRSS of the process in KiB. */
    public static long rssKb(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** CPU time all processes of the machine used (user, nice, system, irq, softirq, steal), in µs. */
    static long machineBusyMicros() {
        String[] f = read(Path.of("/proc/stat")).split("\n")[0].trim().split("\\s+");
        long ticks = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) ticks += Long.parseLong(f[i]);
        return ticks * 1_000_000L / CLOCK_TICKS;
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        String[] f = read(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    public static long self() { return ProcessHandle.current().pid(); }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
