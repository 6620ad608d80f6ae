package clasp.router.internal.timeline;

import clasp.api.NullValue;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.session.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timelines the router plays, at most one per address. A timeline PUBLISH with a definition replaces the one
 * playing at its address; one with no value or a null value cancels it; either way the PUBLISH is then forwarded to
 * its subscribers unchanged. A malformed definition, or a sender that may not SET the address, is refused before
 * anything changes: nothing is played, cancelled or forwarded.
 *
 * <p>Threads: {@link #received} runs on the sender's thread, each frame on the router clock's thread; both hold the
 * address's stripe (lock order: the stripe first, like a SET; the write path takes it again, re-entrantly, then a
 * session's outbound monitor), so a replaced or cancelled playback never writes after its successor's PUBLISH. The
 * map is changed only under the stripe of the entry's address and read without a lock.
 */
public final class TimelinePlayer {
    private static final Logger LOG = LoggerFactory.getLogger(TimelinePlayer.class);

    /** Writes one SET as any SET is written (authorisation, then the param writer); a refusal ends the playback. */
    public interface Write { long set(Session writer, SetMessage m) throws ClaspException; }

    /** Throws the refusal a SET to {@code address} from {@code s} would get, if it would be refused. */
    public interface Permission { void requireSet(Session s, String address) throws ClaspException; }

    private final Map<String, Playback> playing = new ConcurrentHashMap<>();
    private final RouterClock clock;
    private final Function<String, Object> lockOf;
    private final Write write;
    private final Permission permission;
    private final IntSupplier max;

    /**
     * @param write the router's SET path (authorisation, then the param writer); the playback's SETs go through it
     * @param max   how many timelines may play at once (the router's param limit: each plays one param)
     */
    public TimelinePlayer(RouterClock clock, Function<String, Object> lockOf, Write write, Permission permission,
                          IntSupplier max) {
        this.clock = clock;
        this.lockOf = lockOf;
        this.write = write;
        this.permission = permission;
        this.max = max;
    }

    /** Plays, replaces or cancels the timeline at the PUBLISH's address, then runs {@code forward} (under its stripe). */
    public void received(Session sender, PublishMessage m, Runnable forward) throws ClaspException {
        String address = m.address();
        if (m.value() == null || m.value() instanceof NullValue) {
            if (playing.containsKey(address)) permission.requireSet(sender, address);
            synchronized (lockOf.apply(address)) {
                Playback gone = playing.remove(address);
                if (gone != null) gone.stop();
                forward.run();
            }
            return;
        }
        Timeline timeline = TimelineParser.parse(m.value(), address);
        permission.requireSet(sender, address);
        synchronized (lockOf.apply(address)) {
            if (!playing.containsKey(address) && playing.size() >= max.getAsInt()) {
                throw new ClaspException(ErrorCodes.RATE_LIMITED, "Timeline limit reached (max " + max.getAsInt() + ")", address);
            }
            long now = clock.nowMicros();
            long start = timeline.start() != null ? timeline.start() : now;
            Playback next = new Playback(address, timeline, new PlayerSession(sender.id(), sender.principal(), sender.credentialed()), start, clock);
            Playback before = playing.put(address, next);
            if (before != null) before.stop();
            next.begin(now, () -> frame(next));
            forward.run();
        }
    }

    /** One frame of {@code p}, on the clock's thread; a playback that was replaced or cancelled meanwhile does nothing. */
    private void frame(Playback p) {
        synchronized (lockOf.apply(p.address)) {
            if (playing.get(p.address) != p) return;
            boolean more;
            try {
                more = p.frame(write, () -> frame(p));
            } catch (ClaspException e) {
                LOG.info("clasp.router: the timeline at {} stopped: its SET was refused ({} {})", p.address, e.code(), e.getMessage());
                more = false;
            } catch (RuntimeException e) {
                LOG.warn("clasp.router: the timeline at {} stopped: its SET failed", p.address, e);
                more = false;
            }
            if (!more) playing.remove(p.address, p);
        }
    }

    /** How many timelines are playing. */
    public int playingCount() { return playing.size(); }

    /** Whether a timeline is playing at {@code address}. */
    public boolean isPlaying(String address) { return playing.containsKey(address); }

    /** Stops every playback (the router stops). */
    public void clear() {
        for (String address : playing.keySet()) {
            synchronized (lockOf.apply(address)) {
                Playback p = playing.remove(address);
                if (p != null) p.stop();
            }
        }
    }
}
