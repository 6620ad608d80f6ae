package clasp.transport.udp.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/** A real UDP peer on loopback, talking to one listener. */
final class UdpClient implements AutoCloseable {
    /** How long a test waits for a datagram that must come: generous, the machine may be busy. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    final DatagramSocket socket;
    private final InetSocketAddress server;

    UdpClient(InetSocketAddress server) throws IOException {
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort());
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** "127.0.0.1:port", as the transport names this peer. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    /** The next datagram from anywhere, or null if none arrives within {@code timeout}. */
    byte[] receive(Duration timeout) throws IOException {
        byte[] buffer = new byte[70_000];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException nothing) {
            return null;
        }
        return Arrays.copyOf(buffer, packet.getLength());
    }

    /** The next datagram, which must arrive. */
    byte[] receive() throws IOException {
        byte[] datagram = receive(PATIENCE);
        if (datagram == null) {
            throw new AssertionError("no datagram within " + PATIENCE);
        }
        return datagram;
    }

    @Override
    public void close() {
        socket.close();
    }
}
