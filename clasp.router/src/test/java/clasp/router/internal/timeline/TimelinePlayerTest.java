package clasp.router.internal.timeline;

import static clasp.router.internal.timeline.Definitions.def;
import static clasp.router.internal.timeline.Definitions.kf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import clasp.api.FloatValue;
import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.auth.Principal;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.session.Session;
import clasp.router.internal.session.SessionSubscription;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Playback on a {@link ManualClock}: frame times, sampled values against the curves, the last frame, loops, cancel and replacement. */
class TimelinePlayerTest {
    private record Written(long at, String writer, Principal principal, SetMessage set) { }

    private static final class Sender extends Session {
        Sender(String id) { super(id); }
        @Override public boolean isOpen() { return true; }
        @Override public boolean echoes() { return true; }
        @Override public boolean needsFrame() { return false; }
        @Override public void deliver(Message message, ByteBuf frame, List<SessionSubscription> matched) { }
        @Override public void reply(Message message) { }
    }

    private final ManualClock clock = new ManualClock();
    private final long t0 = clock.nowMicros();
    private final List<Written> written = new ArrayList<>();
    private final List<String> forwarded = new ArrayList<>();
    private final Object stripe = new Object();
    private final Set<String> refusedAddresses = new java.util.HashSet<>();
    private final Set<String> unwritable = new java.util.HashSet<>();
    private int max = 100;
    private long lateness;   // µs the next frame scheduled runs after its due time, as on a busy clock thread
    private boolean creeping;   // each reading of the time is 1 µs later than the one before, as a real clock's
    private long crept;
    private final RouterClock lateClock = new RouterClock() {
        @Override public long nowMicros() { return clock.nowMicros() + (creeping ? ++crept : 0); }
        @Override public Timeout schedule(long delay, TimeUnit unit, Runnable task) {
            long late = lateness;
            lateness = 0;
            return clock.schedule(unit.toMicros(delay) + late, TimeUnit.MICROSECONDS, task);
        }
        @Override public void stop() { clock.stop(); }
    };
    private final TimelinePlayer player = new TimelinePlayer(lateClock, a -> stripe, (s, m) -> {
        if (refusedAddresses.contains(m.address())) throw new ClaspException(ErrorCodes.STATE_ERROR, "LockHeld { holder: \"x\" }", m.address());
        written.add(new Written(clock.nowMicros(), s.id(), s.principal(), m));
        return written.size();
    }, (s, a) -> {
        if (unwritable.contains(a)) throw new ClaspException(ErrorCodes.FORBIDDEN, "Insufficient scope for write operation", a);
    }, () -> max);
    private final Sender sender = new Sender("sender-1");

    private void publish(String address, Value value) throws ClaspException {
        player.received(sender, new PublishMessage(address, SignalType.TIMELINE, value, null, null, null, GesturePhase.START, null),
                () -> forwarded.add(address + " " + value));
    }

    private void advanceMs(long ms) { clock.advance(ms, TimeUnit.MILLISECONDS); }

    private List<Long> offsets() { return written.stream().map(w -> w.at - t0).toList(); }

    private List<Double> values() { return written.stream().map(w -> ((FloatValue) w.set.value()).value()).toList(); }

    @Test void sixtyHertzFramesFollowTheCurveAtTheirNominalTimesAndTheLastCarriesTheLastKeyframeExactly() throws ClaspException {
        publish("/fade", def(List.of(kf(0, 0.0, "ease-in"), kf(100_000, 0.3, null))));   // 100 ms, 60 Hz
        advanceMs(0);
        assertThat(written).hasSize(1);
        advanceMs(200);
        // frames k/60 s for k = 0..5 (0 … 83.333 ms), then the end at exactly 100 ms
        assertThat(offsets()).containsExactly(0L, 16_667L, 33_333L, 50_000L, 66_667L, 83_333L, 100_000L);
        List<Double> v = values();
        for (int k = 0; k < 6; k++) {
            double u = offsets().get(k) / 100_000d;
            assertThat(v.get(k)).as("frame %d", k).isCloseTo(0.3 * u * u, within(1e-12));
        }
        assertThat(written.get(6).set.value()).isEqualTo(Value.of(0.3));
        assertThat(written).extracting(w -> w.set.address()).containsOnly("/fade");
        assertThat(player.playingCount()).isZero();
        assertThat(clock.pending()).isZero();
        assertThat(forwarded).hasSize(1);
    }

    @Test void aTimelineStartingOnReceiptPlaysItsFirstFrameEvenWhenTheClockMovedOnMeanwhile() throws ClaspException {
        creeping = true;
        publish("/fade", def(List.of(kf(0, 0.25, null), kf(100_000, 1.0, null))));
        advanceMs(200);
        assertThat(written).hasSize(7);
        assertThat(written.get(0).set.value()).isEqualTo(Value.of(0.25));
        assertThat(written.get(6).set.value()).isEqualTo(Value.of(1.0));
    }

    @Test void theSetsAreWrittenWithTheSendersIdAndPrincipalAsAtReceipt() throws ClaspException {
        Principal p = new Principal("alice", Set.of("write:/**"));
        sender.principal(p);
        publish("/fade", def(List.of(kf(0, 1.0, null), kf(20_000, 2.0, null))));
        sender.principal(Principal.OPEN);
        advanceMs(100);
        assertThat(written).isNotEmpty().allSatisfy(w -> {
            assertThat(w.writer).isEqualTo("sender-1");
            assertThat(w.principal).isEqualTo(p);
        });
    }

    @Test void eachEasingIsSampledAtTheRate() throws ClaspException {
        for (Easing e : Easing.values()) {
            written.clear();
            long start = clock.nowMicros();
            publish("/e", def(List.of(kf(0, 0.0, e.wireName()), kf(1_000_000, 1.0, null)), "rate", Value.of(10L)));
            advanceMs(2_000);
            assertThat(written).hasSize(11);
            for (int k = 0; k < 10; k++) {
                assertThat(written.get(k).at - start).isEqualTo(k * 100_000L);
                assertThat(((FloatValue) written.get(k).set.value()).value()).as("%s frame %d", e, k)
                        .isCloseTo(e.apply(k / 10d), within(1e-12));
            }
            assertThat(written.get(10).set.value()).isEqualTo(Value.of(1.0));
        }
    }

    @Test void aLoopStartsOverUntilCancelledByAPublishWithoutValue() throws ClaspException {
        publish("/l", def(List.of(kf(0, 0.0, null), kf(50_000, 1.0, null)), "loop", Value.of(true), "rate", Value.of(40L)));
        advanceMs(0);
        advanceMs(120);   // frames every 25 ms: 0, .5, 0 (wrapped), .5, 0
        assertThat(values()).containsExactly(0.0, 0.5, 0.0, 0.5, 0.0);
        publish("/l", null);
        advanceMs(1_000);
        assertThat(written).hasSize(5);
        assertThat(player.playingCount()).isZero();
        assertThat(clock.pending()).isZero();
        assertThat(forwarded).containsExactly("/l " + def(List.of(kf(0, 0.0, null), kf(50_000, 1.0, null)), "loop", Value.of(true),
                "rate", Value.of(40L)), "/l null");
    }

    @Test void aNullValueCancelsToo() throws ClaspException {
        publish("/l", def(List.of(kf(0, 0.0, null), kf(50_000, 1.0, null)), "loop", Value.of(true)));
        advanceMs(0);
        publish("/l", Value.ofNull());
        advanceMs(1_000);
        assertThat(written).hasSize(1);
        assertThat(player.isPlaying("/l")).isFalse();
        assertThat(forwarded).hasSize(2);
    }

    @Test void aNewDefinitionReplacesThePlayingOneAtOnce() throws ClaspException {
        publish("/r", def(List.of(kf(0, 0.0, null), kf(1_000_000, 1.0, null))));
        advanceMs(20);   // frames at 0 and 16.667 ms
        publish("/r", def(List.of(kf(0, 5.0, null), kf(10_000, 6.0, null))));
        advanceMs(1_000);
        assertThat(values()).hasSize(4).startsWith(0.0).contains(5.0, 6.0);
        assertThat(values().subList(2, 4)).containsExactly(5.0, 6.0);   // nothing of the first one after the replacement
        assertThat(offsets().get(2)).isEqualTo(20_000);
        assertThat(player.playingCount()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test void otherAddressesPlayOnTheirOwn() throws ClaspException {
        publish("/a", def(List.of(kf(0, 0.0, null), kf(1_000_000, 1.0, null)), "loop", Value.of(true)));
        publish("/b", def(List.of(kf(0, 0.0, null), kf(1_000_000, 1.0, null)), "loop", Value.of(true)));
        publish("/a", null);
        advanceMs(100);
        assertThat(written).extracting(w -> w.set.address()).containsOnly("/b").hasSize(7);   // 0 … 100 ms
    }

    @Test void aStartInTheFutureWaitsForItAndOneInThePastPlaysFromWhereTheTimelineIsNow() throws ClaspException {
        publish("/f", def(List.of(kf(0, 0.0, null), kf(100_000, 1.0, null)), "start", Value.of(t0 + 500_000), "rate", Value.of(10L)));
        advanceMs(499);
        assertThat(written).isEmpty();
        advanceMs(1);
        assertThat(offsets()).containsExactly(500_000L);
        advanceMs(200);
        assertThat(values()).containsExactly(0.0, 1.0);
        written.clear();
        long now = clock.nowMicros();
        publish("/p", def(List.of(kf(0, 0.0, null), kf(1_000_000, 1.0, null)), "start", Value.of(now - 250_000), "rate", Value.of(10L)));
        advanceMs(0);
        assertThat(written).isEmpty();   // 250 ms into the timeline lies on no frame: the next one is due at 300 ms
        advanceMs(50);
        assertThat(written).singleElement().satisfies(w -> {
            assertThat(w.at).isEqualTo(now + 50_000);
            assertThat(w.set.value()).isEqualTo(Value.of(0.3));
        });
    }

    @Test void framesThatFellDueWhileTheClockWasLateAreSkippedNotBurst() throws ClaspException {
        lateness = 250_000;   // the first frame runs 250 ms late
        publish("/s", def(List.of(kf(0, 0.0, null), kf(1_000_000, 1.0, null)), "rate", Value.of(10L)));
        advanceMs(1_250);
        // frame 0 (its nominal value) at 250 ms; frames 1 and 2 are gone; frame 3 at 300 ms, on to the end at 1 s
        assertThat(offsets()).containsExactly(250_000L, 300_000L, 400_000L, 500_000L, 600_000L, 700_000L, 800_000L, 900_000L, 1_000_000L);
        assertThat(values()).containsExactly(0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
    }

    @Test void aRefusedSetEndsThatPlayback() throws ClaspException {
        publish("/locked", def(List.of(kf(0, 0.0, null), kf(1_000_000, 1.0, null)), "loop", Value.of(true)));
        advanceMs(20);
        refusedAddresses.add("/locked");
        advanceMs(1_000);
        assertThat(written).hasSize(2);
        assertThat(player.playingCount()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test void aSenderThatMayNotSetTheAddressIsRefusedAndNothingPlaysOrIsForwarded() throws ClaspException {
        unwritable.add("/ro");
        assertThatThrownBy(() -> publish("/ro", def(List.of(kf(0, 0.0, null)))))
                .isInstanceOfSatisfying(ClaspException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.FORBIDDEN));
        advanceMs(100);
        assertThat(written).isEmpty();
        assertThat(forwarded).isEmpty();
        publish("/ro", null);   // nothing plays there: a cancel is only forwarded
        assertThat(forwarded).containsExactly("/ro null");
    }

    @Test void aMalformedDefinitionChangesNothing() throws ClaspException {
        publish("/m", def(List.of(kf(0, 0.0, null), kf(1_000_000, 1.0, null)), "loop", Value.of(true)));
        advanceMs(0);
        assertThatThrownBy(() -> publish("/m", def(List.of(kf(0, 0.0, "bounce")))))
                .isInstanceOfSatisfying(ClaspException.class, e -> assertThat(e.code()).isEqualTo(400));
        advanceMs(100);
        assertThat(written).hasSize(7);   // the first one plays on
        assertThat(forwarded).hasSize(1);
    }

    @Test void pastTheLimitANewAddressGets429() throws ClaspException {
        max = 1;
        publish("/one", def(List.of(kf(0, 0.0, null), kf(1_000_000, 1.0, null))));
        assertThatThrownBy(() -> publish("/two", def(List.of(kf(0, 0.0, null)))))
                .isInstanceOfSatisfying(ClaspException.class, e -> assertThat(e.code()).isEqualTo(429));
        publish("/one", def(List.of(kf(0, 2.0, null))));   // replacing is fine
        advanceMs(10);
        assertThat(written).extracting(w -> w.set.address()).containsExactly("/one");
    }

    @Test void clearStopsEveryPlaybackAndItsTimeout() throws ClaspException {
        AtomicInteger n = new AtomicInteger();
        for (String a : List.of("/x", "/y", "/z")) {
            publish(a, def(List.of(kf(0, 0.0, null), kf(1_000_000, 1.0, null)), "loop", Value.of(true)));
            n.incrementAndGet();
        }
        advanceMs(0);
        assertThat(written).hasSize(n.get());
        player.clear();
        assertThat(clock.pending()).isZero();
        advanceMs(1_000);
        assertThat(written).hasSize(3);
        assertThat(player.playingCount()).isZero();
    }
}
