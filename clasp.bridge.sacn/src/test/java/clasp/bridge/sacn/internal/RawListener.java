package clasp.bridge.sacn.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A test's own E1.31 receiver: a socket bound to a port (shared, as E1.31 receivers do), joined to the groups of some
 * universes on an interface, recording every packet it decodes on a thread of its own.
 */
final class RawListener implements AutoCloseable {
    /** A packet and when it arrived (System.nanoTime). */
    record Heard(E131Packet packet, long atNanos) {
    }

    final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final MulticastSocket socket;
    private final Thread reader;

    /** Listens on {@code bind}:{@code port}, joined to the universes' groups on {@code nif}. */
    RawListener(InetAddress bind, int port, NetworkInterface nif, int... universes) {
        try {
            socket = new MulticastSocket(null);
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bind, port));
            for (int u : universes) socket.joinGroup(new InetSocketAddress(E131.multicastGroup(u), 0), nif);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = new Thread(this::read, "sacn-test-listener-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** Multicast of {@code universes} on {@code lo} and unicast to any address, at {@code port}. */
    static RawListener onLoopback(int port, int... universes) {
        try {
            return new RawListener(null, port, NetworkInterface.getByName("lo"), universes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
                E131Packet p = E131CodecTest.decode(Arrays.copyOf(datagram.getData(), datagram.getLength()));
                heard.add(new Heard(p, System.nanoTime()));
            } catch (MalformedPacket e) {
                // not E1.31: not recorded
            } catch (IOException e) {
                return;   // closed
            }
        }
    }

    /** The data packets of {@code cid} on {@code universe} so far, in arrival order. */
    List<E131Packet.Data> data(UUID cid, int universe) {
        return heard.stream().map(Heard::packet).filter(p -> p instanceof E131Packet.Data d && d.cid().equals(cid) && d.universe() == universe)
                .map(p -> (E131Packet.Data) p).toList();
    }

    /** Every packet of {@code cid} so far (data, sync and discovery), in arrival order. */
    List<E131Packet> from(UUID cid) {
        return heard.stream().map(Heard::packet).filter(p -> p.cid().equals(cid)).toList();
    }

    /** Waits until a data packet of {@code cid} on {@code universe} matches; returns it. */
    E131Packet.Data await(UUID cid, int universe, Predicate<E131Packet.Data> matches) {
        org.awaitility.Awaitility.await().atMost(Harness.WAIT).until(() -> data(cid, universe).stream().anyMatch(matches));
        return data(cid, universe).stream().filter(matches).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
