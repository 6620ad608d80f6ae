package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.FloatValue;
import clasp.api.GesturePhase;
import clasp.api.IntValue;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.SubscribeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Stream options under concurrency, on the router's real clock: trailing-edge and window flushes run on the clock's
 * thread while writers deliver on theirs. A held message must never overtake a newer one, the last value must
 * always arrive, and a window must carry every sample exactly once, in order. Many rounds, under a {@link Watchdog}.
 */
class StreamOptionsRacesTest extends WatchedRouterTest {
    private static final int ROUNDS = 30;
    private static final int WRITES = 300;

    private TestClient subscriber(String pattern, SubscribeOptions options) {
        TestClient c = new TestClient(router).hello();
        c.send(new SubscribeMessage(1, pattern, Set.of(), options));
        c.take();
        return c;
    }

    @Test void flushesNeverOvertakeNewerValuesAndTheLastAlwaysArrives() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String param = "/race/" + round + "/p";
            String stream = "/race/" + round + "/s";
            TestClient rated = subscriber("/race/" + round + "/*", new SubscribeOptions(1_000L, null, null, null));
            TestClient windowed = subscriber(stream, new SubscribeOptions(null, null, null, 1L));
            TestClient setter = new TestClient(router).hello();
            TestClient streamer = new TestClient(router).hello();
            List<Callable<?>> tasks = List.of(() -> {
                for (long i = 1; i <= WRITES; i++) setter.send(new SetMessage(param, Value.of(i)));
                return null;
            }, () -> {
                for (int i = 1; i <= WRITES; i++) {
                    streamer.send(new PublishMessage(stream, SignalType.STREAM, Value.of((double) i), null, null, null,
                            GesturePhase.START, null));
                }
                return null;
            });
            watchdog.round(tasks);

            List<Message> ratedGot = new ArrayList<>();
            List<Double> batched = new ArrayList<>();
            int r = round;
            Awaitility.await("round " + r).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
                ratedGot.addAll(rated.take());
                for (Message m : windowed.take()) for (double s : ((PublishMessage) m).samples()) batched.add(s);
                return last(ratedGot, param) == WRITES && last(ratedGot, stream) == WRITES && batched.size() >= WRITES;
            });
            assertRising(values(ratedGot, param), "round " + r + " " + param);
            assertRising(values(ratedGot, stream), "round " + r + " " + stream);
            List<Double> all = new ArrayList<>();
            for (int i = 1; i <= WRITES; i++) all.add((double) i);
            assertThat(batched).as("round %d: every sample once, in order", r).isEqualTo(all);
            for (TestClient c : List.of(rated, windowed, setter, streamer)) c.disconnect();
        }
    }

    private static List<Double> values(List<Message> got, String address) {
        List<Double> out = new ArrayList<>();
        for (Message m : got) {
            Value v = m instanceof SetMessage s && s.address().equals(address) ? s.value()
                    : m instanceof PublishMessage p && p.address().equals(address) ? p.value() : null;
            if (v instanceof IntValue i) out.add((double) i.value());
            else if (v instanceof FloatValue f) out.add(f.value());
        }
        return out;
    }

    private static double last(List<Message> got, String address) {
        List<Double> v = values(got, address);
        return v.isEmpty() ? -1 : v.get(v.size() - 1);
    }

    private static void assertRising(List<Double> values, String what) {
        for (int i = 1; i < values.size(); i++) {
            assertThat(values.get(i)).as("%s: %s", what, values).isGreaterThan(values.get(i - 1));
        }
    }
}
