package clasp.bridge.artnet.internal;

import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A plain UDP socket standing in for an Art-Net node or console: it keeps every datagram it receives. */
final class RawNode implements AutoCloseable {
    /** One datagram received. */
    record Packet(byte[] bytes, InetSocketAddress from) {
        int opCode() { return bytes.length >= 10 ? (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8 : -1; }

        ArtDmx dmx() { return decode(ArtDmx::decode); }

        ArtPollReply reply() { return decode(ArtPollReply::decode); }

        private <T> T decode(Decoder<T> decoder) {
            ByteBuf in = Unpooled.wrappedBuffer(bytes);
            try {
                return decoder.decode(in);
            } catch (ArtNetFormatException e) {
                throw new AssertionError(e.getMessage(), e);
            } finally {
                in.release();
            }
        }
    }

    private interface Decoder<T> {
        T decode(ByteBuf in) throws ArtNetFormatException;
    }

    final List<Packet> received = new CopyOnWriteArrayList<>();
    private final DatagramSocket socket;
    private final Thread reader;

    /** Bound to {@code host} on a free port. */
    RawNode(String host) throws SocketException {
        this(host, 0, false);
    }

    RawNode(String host, int port, boolean reuseAddress) throws SocketException {
        socket = new DatagramSocket(null);
        socket.setReuseAddress(reuseAddress);
        try {
            socket.bind(new InetSocketAddress(host, port));
        } catch (SocketException e) {
            socket.close();
            throw e;
        }
        reader = new Thread(this::read, "raw-node-" + host + ":" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    int port() { return socket.getLocalPort(); }

    String address() { return socket.getLocalAddress().getHostAddress() + ":" + port(); }

    void send(byte[] bytes, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** Encodes a packet with {@code writer} and sends it to {@code to}. */
    void send(Consumer<ByteBuf> writer, InetSocketAddress to) throws IOException {
        ByteBuf out = Unpooled.buffer();
        try {
            writer.accept(out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            send(bytes, to);
        } finally {
            out.release();
        }
    }

    void sendDmx(int sequence, int universe, InetSocketAddress to, int... slots) throws IOException {
        byte[] data = new byte[slots.length];
        for (int i = 0; i < slots.length; i++) data[i] = (byte) slots[i];
        send(new ArtDmx(sequence, 0, universe, data)::encode, to);
    }

    /** The ArtDmx received for {@code universe}, in order. */
    List<ArtDmx> dmx(int universe) {
        return received.stream().filter(p -> p.opCode() == ArtNet.OP_DMX).map(Packet::dmx)
                .filter(d -> d.portAddress() == universe).toList();
    }

    List<Packet> withOpCode(int opCode) {
        return received.stream().filter(p -> p.opCode() == opCode).toList();
    }

    /** Waits for an ArtDmx of {@code universe} that satisfies {@code test}, and returns it. */
    ArtDmx awaitDmx(int universe, Predicate<ArtDmx> test) {
        return await().atMost(Harness.WAIT).until(() -> dmx(universe).stream().filter(test).findFirst().orElse(null),
                d -> d != null);
    }

    static boolean slots(ArtDmx dmx, int... values) {
        byte[] expected = new byte[values.length];
        for (int i = 0; i < values.length; i++) expected[i] = (byte) values[i];
        return dmx.data().length >= values.length && Arrays.equals(Arrays.copyOf(dmx.data(), values.length), expected);
    }

    static InetSocketAddress at(InetSocketAddress bridge) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), bridge.getPort());
    }

    private void read() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            received.add(new Packet(Arrays.copyOf(p.getData(), p.getLength()), (InetSocketAddress) p.getSocketAddress()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(10_000);
    }
}
