package clasp.metrics.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;

/**
 * The JVM's families, read from its management beans at each scrape: heap and non-heap memory, threads, garbage
 * collections, open file descriptors (where the platform tells them) and uptime.
 */
final class JvmSeries {
    private static final Class<?> UNIX_OS = unixBean();

    private JvmSeries() { }

    /**
     * {@code com.sun.management.UnixOperatingSystemMXBean} read through the system class loader: a bundle does not
     * import {@code com.sun.*} (the framework need not export it); null where the platform has no such bean.
     */
    private static Class<?> unixBean() {
        try {
            return Class.forName("com.sun.management.UnixOperatingSystemMXBean", false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** One of the Unix bean's counts, or -1 where there is none. */
    private static long unixCount(String getter) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (UNIX_OS == null || !UNIX_OS.isInstance(os)) return -1;
        try {
            return ((Number) UNIX_OS.getMethod(getter).invoke(os)).longValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    static void write(PrometheusText t) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        t.family("clasp_jvm_memory_used_bytes", "gauge", "Memory in use, by area (heap, nonheap).")
                .sample("clasp_jvm_memory_used_bytes", heap.getUsed(), "area", "heap")
                .sample("clasp_jvm_memory_used_bytes", nonHeap.getUsed(), "area", "nonheap");
        t.family("clasp_jvm_memory_committed_bytes", "gauge", "Memory the JVM holds from the system, by area.")
                .sample("clasp_jvm_memory_committed_bytes", heap.getCommitted(), "area", "heap")
                .sample("clasp_jvm_memory_committed_bytes", nonHeap.getCommitted(), "area", "nonheap");
        t.family("clasp_jvm_memory_max_bytes", "gauge", "The most memory the area may take (-1: no limit).")
                .sample("clasp_jvm_memory_max_bytes", heap.getMax(), "area", "heap")
                .sample("clasp_jvm_memory_max_bytes", nonHeap.getMax(), "area", "nonheap");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        t.family("clasp_jvm_threads", "gauge", "Live threads.").sample("clasp_jvm_threads", threads.getThreadCount());
        t.family("clasp_jvm_threads_daemon", "gauge", "Live daemon threads.").sample("clasp_jvm_threads_daemon", threads.getDaemonThreadCount());
        t.family("clasp_jvm_threads_peak", "gauge", "The most live threads since the JVM started.").sample("clasp_jvm_threads_peak", threads.getPeakThreadCount());
        t.family("clasp_jvm_gc_collections_total", "counter", "Garbage collections, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t.sample("clasp_jvm_gc_collections_total", Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
        }
        t.family("clasp_jvm_gc_collection_seconds_total", "counter", "Time spent in garbage collections, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t.sample("clasp_jvm_gc_collection_seconds_total", Math.max(0, gc.getCollectionTime()) / 1e3, "gc", gc.getName());
        }
        long open = unixCount("getOpenFileDescriptorCount");
        long max = unixCount("getMaxFileDescriptorCount");
        if (open >= 0 && max >= 0) {
            t.family("clasp_process_open_fds", "gauge", "File descriptors the process has open (sockets included).")
                    .sample("clasp_process_open_fds", open);
            t.family("clasp_process_max_fds", "gauge", "The most file descriptors the process may open.")
                    .sample("clasp_process_max_fds", max);
        }
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        t.family("clasp_process_start_time_seconds", "gauge", "When the JVM started, in seconds since the epoch.")
                .sample("clasp_process_start_time_seconds", runtime.getStartTime() / 1e3);
        t.family("clasp_process_uptime_seconds", "gauge", "Seconds since the JVM started.")
                .sample("clasp_process_uptime_seconds", runtime.getUptime() / 1e3);
    }
}
