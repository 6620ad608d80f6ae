package clasp.protocol;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the ByteBuf leaks Netty's detector reports, whatever logger it writes to: a {@link
 * ResourceLeakDetector.LeakListener} on the detector every tracked buffer shares. The detector reports a leak when a
 * tracked buffer was collected unreleased, on a later allocation; {@link #sweep} forces both.
 */
public final class LeakWatch {
    private static final List<String> LEAKS = new ArrayList<>();

    static {
        detector().setLeakListener((resourceType, records) -> {
            synchronized (LEAKS) {
                LEAKS.add(resourceType + ": " + records);
            }
        });
    }

    private LeakWatch() { }

    /** Starts listening (once per JVM); true when leak detection is on at all. */
    public static boolean install() { return ResourceLeakDetector.isEnabled(); }

    /** The leak reports so far. */
    public static List<String> leaks() {
        synchronized (LEAKS) {
            return List.copyOf(LEAKS);
        }
    }

    /** Collects garbage and allocates, so that every buffer lost so far is reported now. */
    public static void sweep() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            System.runFinalization();
            for (int i = 0; i < 64; i++) {
                ByteBuf b = ByteBufAllocator.DEFAULT.buffer(8);
                b.release();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ResourceLeakDetector<ByteBuf> detector() {
        try {
            Field f = AbstractByteBuf.class.getDeclaredField("leakDetector");
            f.setAccessible(true);
            return (ResourceLeakDetector<ByteBuf>) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Netty's ByteBuf leak detector is not where it used to be", e);
        }
    }
}
