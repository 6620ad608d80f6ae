package clasp.bridge.dmx.internal;

import clasp.bridge.dmx.SerialLink;
import clasp.bridge.dmx.SerialPorts;
import clasp.bridge.support.dmx.SlotAddress;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port of one instance and the thread that writes it ({@code <prefix>writer}), from {@link #start} to
 * {@link #stop}: it opens the port by path, sets the device up, then sends the {@link Look} as one frame every
 * period, changed or not. When the port fails (a write, a break or the reader's read throws: the device is gone)
 * it closes it and opens the path again every {@code reopenIntervalMillis}, as it does while the path cannot be
 * opened at all; the look outlives the port, so a device that returns gets the current look at once.
 *
 * <p>For an interface that {@link DmxInterface#reads() reads}, each open port also has a reader thread
 * ({@code <prefix>reader}) that hands the device's bytes to the interface; the writer starts it after setting the
 * device up and joins it before closing the port.
 *
 * <p>Threads: the writer alone writes {@code link} (read by {@link #stop} to unblock a stuck write) and owns the
 * interface's output side and the pacing; the reader owns the interface's input side. {@code stopping},
 * {@code failure} and {@code reading} are the flags between them.
 */
final class DmxLine implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DmxLine.class);
    /** Bounds each wait for a thread to end; the usual wait is one read timeout or one frame. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    /** What the line reports; called on its threads. */
    interface Events {
        /** The port is open and frames go out. */
        void online();

        /** No frames go out: the port cannot be opened, or it failed; {@code why} says which. */
        void connecting(String why);
    }

    private final String name;
    private final String threadPrefix;
    private final DmxSettings settings;
    private final SerialPorts ports;
    private final DmxInterface device;
    private final Look look;
    private final Counters counters;
    private final Events events;
    private final LongSupplier clock;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile String failure;     // why the open port failed; null while it works
    private volatile boolean reading;
    private volatile SerialLink link;    // the open port, or null
    private volatile Thread writer;
    private boolean openFailureLogged;

    /** @param name the PID and instance id, for the log */
    DmxLine(String name, String threadPrefix, DmxSettings settings, SerialPorts ports, DmxInterface device, Look look,
            Counters counters, Events events, LongSupplier clock) {
        this.name = name;
        this.threadPrefix = threadPrefix;
        this.settings = settings;
        this.ports = ports;
        this.device = device;
        this.look = look;
        this.counters = counters;
        this.events = events;
        this.clock = clock;
    }

    /** Starts the writer; returns at once (the port opens on the writer). */
    void start() {
        Thread thread = new Thread(this, threadPrefix + "writer");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    /** Stops sending, closes the port and waits for the threads to end. */
    void stop() {
        stopping = true;
        stop.countDown();
        Thread thread = writer;
        if (thread == null) return;
        LockSupport.unpark(thread);
        join(thread, JOIN_TIMEOUT);
        if (thread.isAlive()) {
            SerialLink l = link;
            if (l != null) l.close();   // a write blocked on a device that takes nothing returns
            join(thread, JOIN_TIMEOUT);
            if (thread.isAlive()) LOG.warn("{}: the writer of {} did not end within {}", name, settings.path(), JOIN_TIMEOUT);
        }
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                SerialLink opened = open();
                if (opened != null) {
                    serve(opened);
                    if (!stopping) {
                        LOG.warn("{}: {} failed ({}); trying to reopen it every {} ms", name, settings.path(), failure,
                                settings.reopenIntervalMillis());
                        events.connecting(settings.path() + " failed (" + failure + "); reopening it every "
                                + settings.reopenIntervalMillis() + " ms");
                    }
                }
                pause(settings.reopenIntervalMillis());
            }
        } catch (RuntimeException | Error e) {
            LOG.error("{}: the DMX writer stopped on an unexpected error", name, e);
            events.connecting("the writer stopped on an unexpected error: " + e);
        }
    }

    /** The open port, or null when it cannot be opened now (reported, logged once per series). */
    private SerialLink open() {
        try {
            SerialLink opened = ports.open(settings.path(), device.portSettings());
            openFailureLogged = false;
            LOG.info("{}: opened {} ({}, {})", name, settings.path(), settings.type().label, device.portSettings());
            return opened;
        } catch (IOException | RuntimeException e) {
            String why = "cannot open " + settings.path() + ": " + e.getMessage() + "; trying again every "
                    + settings.reopenIntervalMillis() + " ms";
            if (!openFailureLogged) LOG.warn("{}: {}", name, why);
            openFailureLogged = true;
            events.connecting(why);
            return null;
        }
    }

    /** Sets the device up and sends frames until the port fails or the line stops; closes the port. */
    private void serve(SerialLink opened) {
        failure = null;
        link = opened;
        Thread reader = null;
        try {
            device.opened(opened);
            if (device.reads()) {
                reading = true;
                reader = new Thread(() -> read(opened), threadPrefix + "reader");
                reader.setDaemon(true);
                reader.start();
            }
            events.online();
            send(opened);
        } catch (IOException e) {
            failed(opened, e.getMessage());
        } finally {
            reading = false;
            join(reader, JOIN_TIMEOUT);
            link = null;
            opened.close();
        }
    }

    /** One frame each period until the port fails or the line stops. */
    private void send(SerialLink opened) throws IOException {
        byte[] slots = new byte[SlotAddress.SLOTS];
        FixedRate rate = new FixedRate(settings.periodNanos(), clock.getAsLong());
        while (!stopping && failure == null) {
            long now = clock.getAsLong();
            long wait = rate.waitNanos(now);
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);   // woken early by stop and by a failing reader
                continue;
            }
            look.copyInto(slots);
            device.send(opened, slots, settings.slots());
            counters.framesOut.increment();
            rate.ticked(now);
        }
    }

    private void read(SerialLink opened) {
        byte[] buffer = new byte[1024];
        try {
            while (reading) {
                int n = opened.read(buffer, 0, buffer.length);
                if (n > 0) device.received(buffer, 0, n);
            }
        } catch (IOException e) {
            failed(opened, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{}: the DMX reader stopped on an unexpected error", name, e);
            failed(opened, "the reader stopped on an unexpected error: " + e);
        }
    }

    /** {@code port} failed; a late report about a port already replaced is ignored. */
    private void failed(SerialLink port, String why) {
        if (port == link && failure == null) failure = why;
        LockSupport.unpark(writer);
    }

    private void pause(int millis) {
        try {
            stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static void join(Thread thread, Duration timeout) {
        if (thread == null || thread == Thread.currentThread()) return;
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
