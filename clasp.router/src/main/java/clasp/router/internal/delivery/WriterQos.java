package clasp.router.internal.delivery;

import clasp.api.QoS;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The QoS of the frame whose write the current thread is applying: set by a network session around the write, read
 * by the fan-out that write causes on the same thread, for recipients that take the writer's QoS
 * ({@code Connection.receivesWriterQos}, MQTT). Unset (null) for writes without a frame: the router API, scheduled
 * bundles, coalesced gestures, timelines.
 */
public final class WriterQos {
    private static final FastThreadLocal<QoS> CURRENT = new FastThreadLocal<>();

    private WriterQos() {}

    /** The writer's QoS on this thread, or null. */
    public static QoS current() { return CURRENT.get(); }

    /** From now on this thread applies a write whose frame carried {@code qos}; {@link #clear} ends it. */
    public static void set(QoS qos) { CURRENT.set(qos); }

    /** Ends it. Sets null rather than removing: a removed slot is re-registered for cleanup on every next set. */
    public static void clear() { CURRENT.set(null); }
}
