package clasp.router.internal.timeline;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.session.Session;
import java.util.concurrent.TimeUnit;

/**
 * One timeline playing at one address: frame k is due at {@code start + k/rate}, and SETs the curve's value at that
 * nominal time (wrapped by the loop's length when looping). A non-looping timeline's last frame is due at
 * {@code start + duration} and carries the last keyframe's value exactly. Each frame arms the next one on the
 * router clock, so one timeout at most is pending; frames that fell due while the clock thread was late are skipped,
 * not sent in a burst. A start in the past plays from where the timeline is now.
 *
 * <p>Its fields are touched only under the address's stripe ({@link TimelinePlayer} holds it around
 * {@link #begin}, {@link #stop} and every {@link #frame}).
 */
final class Playback {
    final String address;
    final Timeline timeline;
    final Session writer;
    private final long start;
    private final RouterClock clock;
    private long next;                        // the index of the frame armed next
    private RouterClock.Timeout armed;
    private boolean stopped;

    Playback(String address, Timeline timeline, Session writer, long start, RouterClock clock) {
        this.address = address;
        this.timeline = timeline;
        this.writer = writer;
        this.start = start;
        this.clock = clock;
    }

    /** Arms the first frame due at {@code now} (the time of receipt) or later: frame 0 when the timeline starts on receipt. */
    void begin(long now, Runnable onFrame) {
        arm(Math.max(0, firstFrameAtOrAfter(now)), now, onFrame);
    }

    /** Runs the armed frame and arms the next; false once the last frame was sent. A refused SET is thrown. */
    boolean frame(TimelinePlayer.Write write, Runnable onFrame) throws ClaspException {
        if (stopped) return false;
        long k = next;
        long elapsed = due(k) - start;
        boolean last = !timeline.loop() && elapsed >= timeline.duration();
        Value v = last ? timeline.last().value()
                : Curve.at(timeline, timeline.loop() ? elapsed % timeline.duration() : elapsed);
        write.set(writer, new SetMessage(address, v));
        if (last) return false;
        long now = clock.nowMicros();
        arm(Math.max(k + 1, firstFrameAtOrAfter(now)), now, onFrame);
        return true;
    }

    /** Stops it: the armed frame never runs. */
    void stop() {
        stopped = true;
        if (armed != null) armed.cancel();
    }

    private void arm(long k, long now, Runnable onFrame) {
        next = k;
        armed = clock.schedule(Math.max(0, due(k) - now), TimeUnit.MICROSECONDS, onFrame);
    }

    /** When frame {@code k} is due, in server µs: on the rate's grid, the last one at the end of a non-looping timeline. */
    long due(long k) {
        long offset = Math.round(k * 1_000_000d / timeline.rate());
        if (!timeline.loop()) offset = Math.min(offset, timeline.duration());
        return start + offset;
    }

    /** The index of the first frame on the grid at or after {@code now} (negative before the start). */
    private long firstFrameAtOrAfter(long now) {
        return (long) Math.ceil((now - start) * timeline.rate() / 1_000_000d);
    }
}
