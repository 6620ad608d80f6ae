package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The fuzz runs' leak count sees a buffer dropped without release. Netty logs through java.util.logging here; its
 * report of this deliberate leak is kept off the console, where the build's leak check would take it for a real one.
 */
class LeakWatchTest {
    @Test
    void aDroppedBufferIsReported() {
        assumeTrue(ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID, "paranoid leak detection");
        Logger netty = Logger.getLogger(ResourceLeakDetector.class.getName());
        boolean parents = netty.getUseParentHandlers();
        netty.setUseParentHandlers(false);
        try {
            LeakWatch.install();
            int before = LeakWatch.leaks().size();
            ByteBufAllocator.DEFAULT.buffer(16).writeInt(1);   // deliberately never released
            for (int sweeps = 0; sweeps < 20 && LeakWatch.leaks().size() == before; sweeps++) LeakWatch.sweep();
            assertThat(LeakWatch.leaks()).hasSize(before + 1);
            assertThat(LeakWatch.leaks().get(before)).startsWith("ByteBuf: ");
        } finally {
            netty.setUseParentHandlers(parents);
        }
    }
}
