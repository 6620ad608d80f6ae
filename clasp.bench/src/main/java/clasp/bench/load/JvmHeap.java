package clasp.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heap a JVM still uses after a full collection, read with {@code jcmd <pid> GC.run} and {@code GC.heap_info}. */
public final class JvmHeap {
    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final String JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

    /** Heap in use and committed, in KiB. */
    public record Heap(long usedKb, long committedKb) { }

    private JvmHeap() { }

    /** The heap after two explicit full GCs. */
    public static Heap afterFullGc(long pid) {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = HEAP.matcher(info);
        if (!m.find()) throw new IllegalStateException("no heap figure in jcmd output:\n" + info);
        return new Heap(Long.parseLong(m.group(2)), Long.parseLong(m.group(1)));
    }

    static String jcmd(long pid, String command) {
        try {
            Process p = new ProcessBuilder(List.of(JCMD, Long.toString(pid), command)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + JCMD, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
