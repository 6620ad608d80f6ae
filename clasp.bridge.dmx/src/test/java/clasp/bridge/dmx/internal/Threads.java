package clasp.bridge.dmx.internal;

import java.util.List;

/** The bridge's threads still alive. */
final class Threads {
    private Threads() {
    }

    static List<String> ofBridges() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("clasp-bridge-dmx-")).toList();
    }
}
