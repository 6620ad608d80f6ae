package clasp.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heap a JVM still uses after a full collection, read with {@code jcmd <pid> GC.run} and {@code GC.heap_info}. */
final class JvmHeap {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final String JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

    private JvmHeap() { }

    /** Heap in use after two explicit full GCs, in KiB. */
    static long usedAfterFullGcKb(long pid) {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        if (!m.find()) throw new IllegalStateException("no heap figure in jcmd output:\n" + info);
        return Long.parseLong(m.group(1));
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
