package clasp.transport.serial.internal;

import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.osc.SlipDecoder;
import clasp.transport.netty.Refusals;
import com.fazecast.jSerialComm.SerialPort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured port, served by one reader thread ({@code <prefix>reader}) from {@link #start} to {@link #stop}:
 * opens the port by path, reads it, SLIP-decodes it and hands each frame to the current session; when the port
 * fails (the device vanished: a read or write error) it ends the session and tries again every
 * {@code reopenIntervalMillis}.
 *
 * <p>A session opens with the first frame the device sends (so an idle device holds no session, which the router
 * would close for its missing HELLO) and ends when the router closes it or the port fails; the port stays open
 * across sessions, and the next frame opens the next session. A frame that arrives while a session is closing
 * waits, unread, for that session's end and opens the next one: nothing the device sends is lost between sessions.
 * While the session is unwritable the reader stops reading (back-pressure). The reader also enforces the close
 * deadline: a close the device has not let through within {@link SerialConnection#CLOSE_DEADLINE} closes the port.
 *
 * <p>Threads: the reader thread alone writes every field but {@code stopping}, {@code portFailure} and {@code reader};
 * writers read {@code port}.
 * Each session's writer ({@code <prefix>writer}) runs from the session's start to its end; the reader joins it.
 */
final class SerialLine implements Runnable, SessionWriter.Line {
    private static final Logger LOG = LoggerFactory.getLogger(SerialLine.class);
    /** How long a blocking read waits before the reader looks at its flags again. */
    static final int READ_POLL_MILLIS = 100;
    /** How long stopping lets a session write what it has queued. */
    static final Duration STOP_FLUSH = Duration.ofSeconds(1);
    /** Bounds each wait for a thread to end; the usual wait is one read poll. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final String threadPrefix;
    private final SerialSettings settings;
    private final ConnectionAcceptor acceptor;
    private final Refusals<SerialRefusal> refusals;
    private final PortOpener opener;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile String portFailure;  // why the open port failed; null while it works
    private volatile Thread reader;

    private volatile SerialPort port;     // written by the reader only
    private SerialConnection session;
    private RouterCalls calls;
    private Thread writer;
    private long nextReport;

    /** @param name the PID and instance id, for the log */
    SerialLine(String name, String threadPrefix, SerialSettings settings, ConnectionAcceptor acceptor,
               Refusals<SerialRefusal> refusals) {
        this.name = name;
        this.threadPrefix = threadPrefix;
        this.settings = settings;
        this.acceptor = acceptor;
        this.refusals = refusals;
        this.opener = new PortOpener(name, settings, READ_POLL_MILLIS);
    }

    /** Starts the reader; returns at once (the port opens on the reader). */
    void start() {
        Thread thread = new Thread(this, threadPrefix + "reader");
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    /**
     * Ends the session (its queued frames get {@link #STOP_FLUSH} to leave), closes the port and waits for the
     * reader and writer threads to end.
     */
    void stop() {
        stopping = true;
        stop.countDown();
        Thread thread = reader;
        LockSupport.unpark(thread);
        join(thread, JOIN_TIMEOUT.plus(STOP_FLUSH));
    }

    @Override
    public void run() {
        nextReport = System.nanoTime() + Refusals.INTERVAL.toNanos();
        try {
            while (!stopping) {
                port = opener.open();
                portFailure = null;
                if (port != null) {
                    serve();
                    endSession();
                    closePort();
                    refusals.report();
                }
                pause(settings.reopenIntervalMillis());
            }
        } catch (RuntimeException | Error e) {
            LOG.error("{}: the serial line stopped on an unexpected error", name, e);
        } finally {
            endSession();
            closePort();
            refusals.report();
        }
    }

    /** Reads the open port until it fails or the line stops. */
    private void serve() {
        byte[] buffer = new byte[4096];
        SlipDecoder decoder = new SlipDecoder(settings.maxFrameBytes(), new SlipDecoder.Sink() {
            @Override
            public void frame(byte[] bytes, int length) {
                deliver(bytes, length);
            }

            @Override
            public void dropped(SlipDecoder.Drop reason) {
                refusals.count(reason == SlipDecoder.Drop.OVERSIZE ? SerialRefusal.OVERSIZE : SerialRefusal.BAD_ESCAPE);
            }
        });
        while (!stopping && portFailure == null) {
            housekeeping();
            if (session != null && session.isOpen() && !session.isWritable()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(READ_POLL_MILLIS)); // back-pressure: not read
                continue;
            }
            int n = port.readBytes(buffer, buffer.length);
            if (n < 0) {
                portFailed(port, "read error " + port.getLastErrorCode());
            } else if (n > 0) {
                if (session != null) session.touch();
                decoder.feed(buffer, 0, n);
            }
        }
        if (portFailure != null && !stopping) {
            LOG.warn("{}: {} failed ({}); trying to reopen it every {} ms", name, settings.path(), portFailure,
                    settings.reopenIntervalMillis());
        }
    }

    /** Between reads: retires an ended session, enforces the close deadline, reports refusals. */
    private void housekeeping() {
        long now = System.nanoTime();
        if (session != null && session.isEnded()) {
            retireSession();
        } else if (session != null && session.closeOverdue(now)) {
            portFailed(port, "the device did not take the frames queued before a close within "
                    + SerialConnection.CLOSE_DEADLINE.toSeconds() + " s");
            port.closePort(); // unblocks the writer
        }
        if (now - nextReport > 0) {
            nextReport = now + Refusals.INTERVAL.toNanos();
            refusals.report();
        }
    }

    /**
     * Hands one decoded frame to the open session, opening one if there is none, once that session is writable (a
     * read that began before it turned unwritable holds its frames here, and nothing more is read meanwhile).
     */
    private void deliver(byte[] bytes, int length) {
        while (true) {
            SerialConnection target = openSession();
            if (target == null || !target.isOpen()) return; // stopping, or the router refused the session in accept
            if (target.isWritable()) break;
            if (stopping || portFailure != null) return;
            housekeeping();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(READ_POLL_MILLIS)); // the writer wakes us when it drained
        }
        ByteBuf frame = Unpooled.wrappedBuffer(bytes, 0, length);
        try {
            calls.frame(frame);
        } finally {
            frame.release();
        }
    }

    /**
     * The open session: waits for a closing one to end first, else opens one (which the router may have closed
     * again inside accept: it refused it); null when the line stops or the port fails meanwhile.
     */
    private SerialConnection openSession() {
        while (session != null && !session.isEnded()) {
            if (session.isOpen()) return session;
            if (stopping || portFailure != null) return null;
            housekeeping();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(READ_POLL_MILLIS)); // the writer wakes us at the end
        }
        if (session != null) retireSession();
        if (stopping || portFailure != null) return null;
        session = new SerialConnection(settings);
        calls = new RouterCalls(name + " " + settings.path());
        try {
            calls.handler(acceptor.accept(session));
        } catch (RuntimeException e) {
            LOG.warn("{}: the router failed to accept a session on {}", name, settings.path(), e);
            session.closeNow(Connection.CLOSE_GOING_AWAY, "not accepted");
        }
        writer = new Thread(new SessionWriter(session, port, calls, this), threadPrefix + "writer");
        writer.setDaemon(true);
        session.writer(writer);
        writer.start(); // after accept: closed() never overtakes it
        LOG.debug("{}: session opened on {}", name, settings.path());
        return session;
    }

    /** Ends the current session at once (the port failed) or, when stopping, after its queued frames. */
    private void endSession() {
        if (session == null) return;
        if (stopping && portFailure == null) {
            session.close(Connection.CLOSE_GOING_AWAY, "transport stopping");
            join(writer, STOP_FLUSH);
        }
        session.closeNow(Connection.CLOSE_GOING_AWAY, portFailure == null ? "transport stopping" : "serial port gone");
        if (writer.isAlive()) {
            closePort(); // a write blocked on a device that reads nothing returns
        }
        retireSession();
    }

    private void retireSession() {
        join(writer, JOIN_TIMEOUT);
        if (writer.isAlive()) {
            LOG.warn("{}: the writer of {} did not end within {}", name, settings.path(), JOIN_TIMEOUT);
        }
        session = null;
        calls = null;
        writer = null;
    }

    private void closePort() {
        if (port != null && port.isOpen()) {
            port.closePort();
        }
    }

    private void pause(int millis) {
        try {
            stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Also from a session's writer; a late one's report about a port already replaced is ignored. */
    @Override
    public void portFailed(SerialPort failed, String why) {
        if (failed == port && portFailure == null) portFailure = why;
    }

    @Override
    public void wake() {
        LockSupport.unpark(reader);
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
