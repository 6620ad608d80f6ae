package clasp.bridge.sacn.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.util.UUID;

/** A test's own E1.31 source: packets built with the codec, sent from a plain socket, multicast out of {@code lo}. */
final class RawSource implements AutoCloseable {
    final UUID cid;
    final String name;
    private final MulticastSocket socket;
    private int sequence;

    RawSource(UUID cid, String name) {
        this.cid = cid;
        this.name = name;
        try {
            socket = new MulticastSocket(0);
            socket.setNetworkInterface(NetworkInterface.getByName("lo"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A data packet of {@code slots} with the next sequence number to the multicast group of {@code universe}. */
    void slots(int port, int priority, int universe, int... slots) {
        packet(port, priority, universe, nextSequence(), 0, slots);
    }

    /** The sequence number the next packet takes (and takes it). */
    int nextSequence() { return sequence++ & 0xFF; }

    /** A data packet with this sequence number and these options to the multicast group of {@code universe}. */
    void packet(int port, int priority, int universe, int sequence, int options, int... slots) {
        byte[] b = new byte[slots.length];
        for (int i = 0; i < slots.length; i++) b[i] = (byte) slots[i];
        send(new E131Packet.Data(cid, name, priority, 0, sequence, options, universe, 0, b),
                new InetSocketAddress(E131.multicastGroup(universe), port));
    }

    void send(E131Packet packet, InetSocketAddress to) {
        send(E131CodecTest.encode(packet), to);
    }

    void send(byte[] bytes, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public void close() {
        socket.close();
    }
}
