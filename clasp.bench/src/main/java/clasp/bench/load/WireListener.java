package clasp.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The wire side of the lighting load: a UDP socket that receives the ArtDmx or E1.31 data packets a sender puts out,
 * counts them, and notes when slot 1 of a universe first took each value (for fader-to-wire latency). Its own thread
 * reads; the counters are read from any thread.
 */
final class WireListener implements AutoCloseable {
    enum Protocol { ARTNET, SACN }

    private final Protocol protocol;
    private final DatagramChannel channel;
    private final Thread reader;
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    /** Per universe (up to 1024): the last slot-1 value seen, and when (System.nanoTime) it changed to it. */
    private final AtomicLongArray slot1 = new AtomicLongArray(1024);
    private final AtomicLongArray changedAt = new AtomicLongArray(1024);
    private volatile boolean closed;

    private WireListener(Protocol protocol, DatagramChannel channel) {
        this.protocol = protocol;
        this.channel = channel;
        for (int i = 0; i < slot1.length(); i++) slot1.set(i, -1);
        reader = new Thread(this::read, "wire-listener");
        reader.setDaemon(true);
        reader.start();
    }

    /** Unicast on 127.0.0.1:{@code port} (0: a free one). */
    static WireListener unicast(Protocol protocol, int port) throws IOException {
        DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
        c.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
        c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new WireListener(protocol, c);
    }

    /** E1.31 multicast: joins the groups of universes 1..{@code universes} on {@code nic}, port 5568. */
    static WireListener sacnMulticast(NetworkInterface nic, int universes) throws IOException {
        DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
        c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        c.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
        c.bind(new InetSocketAddress(5568));
        for (int u = 1; u <= universes; u++) {
            c.join(InetAddress.getByAddress(new byte[] {(byte) 239, (byte) 255, (byte) (u >> 8), (byte) u}), nic);
        }
        return new WireListener(Protocol.SACN, c);
    }

    int port() throws IOException { return ((InetSocketAddress) channel.getLocalAddress()).getPort(); }

    long packets() { return packets.get(); }

    long malformed() { return malformed.get(); }

    /** When slot 1 of {@code universe} became {@code value} (nanoTime), or 0 if it does not hold it. */
    long changedTo(int universe, int value) {
        return slot1.get(universe) == value ? changedAt.get(universe) : 0;
    }

    private void read() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        while (!closed) {
            buf.clear();
            try {
                channel.receive(buf);
            } catch (IOException e) {
                return;   // closed
            }
            long now = System.nanoTime();
            buf.flip();
            int universe;
            int first;
            if (protocol == Protocol.ARTNET) {
                if (buf.limit() < 19 || buf.get(0) != 'A' || (buf.get(8) & 0xFF) != 0x00 || (buf.get(9) & 0xFF) != 0x50) {
                    malformed.incrementAndGet();
                    continue;
                }
                universe = (buf.get(14) & 0xFF) | (buf.get(15) & 0x7F) << 8;
                first = buf.get(18) & 0xFF;
            } else {
                if (buf.limit() < 127 || buf.getInt(18) != 4 || buf.getInt(40) != 2 || buf.get(125) != 0) {
                    malformed.incrementAndGet();   // not a data packet with DMX (sync, discovery, other start codes)
                    continue;
                }
                universe = buf.getShort(113) & 0xFFFF;
                first = buf.get(126) & 0xFF;
            }
            packets.incrementAndGet();
            if (universe < slot1.length() && slot1.get(universe) != first) {
                changedAt.set(universe, now);
                slot1.set(universe, first);
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }
}
