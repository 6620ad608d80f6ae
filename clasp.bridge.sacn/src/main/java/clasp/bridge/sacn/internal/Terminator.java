package clasp.bridge.sacn.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends streams a closed instance left ({@link Streams.Parked}): three data packets with the terminated bit per
 * universe, numbered on from the stream's last sequence, to the same multicast group and unicast receivers, from a
 * socket of its own that is closed before it returns (the instance's own socket is gone by then). Receivers drop the
 * source at once instead of after 2.5 s. Runs on the thread that calls it; sending a few datagrams does not block.
 */
final class Terminator {
    private static final Logger LOG = LoggerFactory.getLogger(Terminator.class);

    private Terminator() {
    }

    /** Ends {@code universes} of {@code parked}; returns the packets sent (a failure is logged, not thrown). */
    static int terminate(Streams.Parked parked, Collection<Integer> universes) {
        if (universes.isEmpty()) return 0;
        Map<Integer, Integer> next = new HashMap<>(Streams.sequences(parked.cid()));
        int sent = 0;
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
            if (parked.multicast() && parked.multicastInterface() != null) {
                channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, parked.multicastInterface());
            }
            for (int u : universes) {
                byte[] frame = parked.frames().get(u);
                if (frame == null) continue;
                int sequence = next.getOrDefault(u, 0);
                List<InetSocketAddress> targets = new ArrayList<>(parked.unicast());
                if (parked.multicast()) targets.add(new InetSocketAddress(E131.multicastGroup(u), parked.port()));
                for (int i = 0; i < 3; i++) {
                    byte[] bytes = bytes(new E131Packet.Data(parked.cid(), parked.sourceName(), parked.priority(), 0,
                            sequence, E131.OPTION_TERMINATED, u, 0, frame));
                    sequence = (sequence + 1) & 0xFF;
                    for (InetSocketAddress target : targets) {
                        channel.send(ByteBuffer.wrap(bytes), target);
                        sent++;
                    }
                }
                next.put(u, sequence);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("sacn bridge: ending the streams of {} ({}) failed after {} packets: {}", parked.sourceName(),
                    parked.cid(), sent, e.toString());
        }
        Streams.remember(parked.cid(), next);
        return sent;
    }

    private static byte[] bytes(E131Packet packet) {
        ByteBuf buf = Unpooled.buffer(E131Codec.dataLength(512));
        try {
            E131Codec.encode(packet, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
