package clasp.client;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;

/**
 * One thing a subscription received. Params (SET broadcasts and SNAPSHOT entries) have signal {@code PARAM}, a
 * revision and, from a snapshot, the writer's session; PUBLISHes have their signal and, as sent, a value (or
 * {@code samples} for the samples form of a stream), a gesture id and phase, a timestamp. {@code receivedNanos} is
 * {@link System#nanoTime()} when the frame was read, before any executor hop.
 */
public record Update(String address, SignalType signal, Value value, double[] samples, Long revision, String writer,
                     Long timestamp, Long gestureId, GesturePhase phase, long receivedNanos) {

    public boolean isParam() { return signal == SignalType.PARAM; }
}
