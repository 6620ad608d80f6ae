package clasp.bridge.dmx.internal;

import clasp.bridge.dmx.PortSettings;
import clasp.bridge.dmx.SerialLink;
import clasp.bridge.dmx.SerialPorts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Serial ports that record what the bridge does with them: every open with its settings, and on each port every
 * break set and cleared and every write, stamped with {@link System#nanoTime()} as the call begins. A device can be
 * unplugged (every call on an open port throws, opens fail) and plugged in again.
 */
final class FakePorts implements SerialPorts {
    enum Kind { BREAK_ON, BREAK_OFF, WRITE }

    /** One call on a port: what, when (ns, at the call's start), the bytes of a write. */
    record Event(Kind kind, long at, byte[] bytes) { }

    /** An open: the path and settings asked for. */
    record Open(String path, PortSettings settings) { }

    final List<Open> opens = new CopyOnWriteArrayList<>();
    final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean present = true;

    @Override
    public SerialLink open(String path, PortSettings settings) throws IOException {
        if (!present) throw new IOException("no such device (error 2)");
        opens.add(new Open(path, settings));
        Link link = new Link();
        links.add(link);
        return link;
    }

    void unplug() {
        present = false;
    }

    void plugIn() {
        present = true;
    }

    /** The events of every port opened so far, in order. */
    List<Event> events() {
        List<Event> all = new ArrayList<>();
        for (Link l : links) all.addAll(l.events);
        return all;
    }

    final class Link implements SerialLink {
        final List<Event> events = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        private void check() throws IOException {
            if (!present || closed) throw new IOException("write failed: input/output error (error 5): the device is gone");
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            long at = System.nanoTime();
            check();
            byte[] copy = new byte[length];
            System.arraycopy(bytes, offset, copy, 0, length);
            events.add(new Event(Kind.WRITE, at, copy));
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            check();
            LockSupport.parkNanos(10_000_000);   // a device that sends nothing
            return 0;
        }

        @Override
        public void setBreak(boolean on) throws IOException {
            long at = System.nanoTime();
            check();
            events.add(new Event(on ? Kind.BREAK_ON : Kind.BREAK_OFF, at, null));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
