package clasp.itest;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a runtime started by a process test inherits from the test's own JVM, so that it is checked as closely as
 * the tests themselves: Netty's leak detection level and the JaCoCo agent (whose data file the build merges into
 * the coverage report). A runtime that logged a leak fails the test that started it.
 */
final class RuntimeJvm {
    static final String LEAK = "LEAK:";
    private static final String LEAK_LEVEL = "io.netty.leakDetection.level";

    private RuntimeJvm() {
    }

    /** The options to put before {@code -jar}, ahead of the test's own. */
    static List<String> inherited() {
        List<String> options = new ArrayList<>();
        String level = System.getProperty(LEAK_LEVEL);
        if (level != null) options.add("-D" + LEAK_LEVEL + "=" + level);
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-javaagent:") && arg.contains("jacoco"))
                .forEach(options::add);
        return options;
    }

    /** Fails with every leak report in {@code output}, the log of the runtime named {@code what}. */
    static void assertNoLeak(String what, List<String> output) {
        List<String> leaks = output.stream().filter(line -> line.contains(LEAK)).collect(Collectors.toList());
        if (!leaks.isEmpty()) {
            throw new AssertionError(what + " reported " + leaks.size() + " ByteBuf leak(s):\n" + String.join("\n", leaks));
        }
    }
}
