package clasp.adapter.mqtt.internal;

import clasp.protocol.ClaspCodec;
import clasp.transport.netty.ChannelConnection;
import clasp.transport.netty.InboundActivity;
import io.netty.channel.Channel;

/**
 * One MQTT client as the router sees it: a connection named {@code mqtt:<client id>} that declines the initial
 * snapshot (an MQTT client gets retained messages for what it subscribes only). Besides the outbound path's bytes it
 * counts the messages waiting for the client's in-flight window ({@link #held}), so the router's back-pressure sees
 * a client that does not acknowledge as it sees one that does not read. {@code held} is written on the event loop
 * only; read from any thread.
 */
final class MqttConnection extends ChannelConnection {
    private final long highWaterMark;
    private final long lowWaterMark;
    private volatile long heldBytes;
    private volatile boolean windowFull;

    MqttConnection(Channel channel, InboundActivity activity, String clientId, long highWaterMark, long lowWaterMark) {
        super(MqttTransport.KIND, channel, MqttWire.INSTANCE, activity, "mqtt:" + clientId, ClaspCodec.MAX_FRAME_BYTES,
                highWaterMark, lowWaterMark);
        this.highWaterMark = highWaterMark;
        this.lowWaterMark = lowWaterMark;
    }

    @Override
    public boolean sendsInitialSnapshot() {
        return false;
    }

    /** MQTT delivers at the lower of the publisher's QoS and the subscription's, so it needs the publisher's. */
    @Override
    public boolean receivesWriterQos() {
        return true;
    }

    @Override
    public boolean isWritable() {
        return !windowFull && super.isWritable();
    }

    @Override
    public long queuedBytes() {
        return super.queuedBytes() + heldBytes;
    }

    /**
     * Event loop: the bytes waiting for the in-flight window are now {@code bytes}. Returns true when that made the
     * connection writable again (the router is to be told).
     */
    boolean held(long bytes) {
        heldBytes = bytes;
        if (!windowFull && bytes > highWaterMark) {
            windowFull = true;
        } else if (windowFull && bytes <= lowWaterMark) {
            windowFull = false;
            return super.isWritable();
        }
        return false;
    }
}
