package clasp.shell.internal;

import clasp.api.message.Message;
import clasp.api.router.MessageListener;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What {@code clasp:watch} runs: the subscription's listener queues each message with its arrival time (on the
 * router's thread, never blocking it), and the command's own thread prints them, so the output goes to the
 * command's session and Ctrl-C (an interrupt of that thread) ends it. Messages that arrive faster than the
 * console takes them are dropped once {@code capacity} wait, and the count is printed.
 */
public final class Watcher implements MessageListener {
    private record Seen(long micros, Message message) { }

    private final BlockingQueue<Seen> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Clock clock;
    private final ZoneId zone;

    public Watcher(int capacity, Clock clock) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.clock = clock;
        this.zone = clock.getZone();
    }

    @Override
    public void onMessage(Message message) {
        if (!queue.offer(new Seen(Formats.micros(clock.instant()), message))) dropped.incrementAndGet();
    }

    /**
     * Prints messages until {@code count} are printed (0: no limit) or {@code stop} says so.
     *
     * @return the number of messages printed
     * @throws InterruptedException when the thread is interrupted (Ctrl-C)
     */
    public int print(PrintStream out, int count, BooleanSupplier stop) throws InterruptedException {
        int printed = 0;
        long droppedShown = 0;
        while ((count <= 0 || printed < count) && !stop.getAsBoolean()) {
            Seen seen = queue.poll(200, TimeUnit.MILLISECONDS);
            long d = dropped.get();
            if (d > droppedShown) {
                out.println("... " + (d - droppedShown) + " messages dropped: the console is slower than the traffic");
                droppedShown = d;
            }
            if (seen == null) continue;
            out.println(Formats.watchLine(seen.micros(), seen.message(), zone));
            printed++;
        }
        out.flush();
        return printed;
    }
}
