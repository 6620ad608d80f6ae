package clasp.adapter.osc.internal;

import clasp.osc.OscDecoder;
import clasp.osc.OscEncoder;
import clasp.osc.OscFormatException;
import clasp.osc.OscLimits;
import clasp.osc.OscMessage;
import clasp.osc.OscPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/** An OSC peer on a loopback UDP socket: sends packets (or raw bytes) to the adapter and reads what it is sent. */
final class UdpOscPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress adapter;

    UdpOscPeer(int adapterPort) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        adapter = new InetSocketAddress(InetAddress.getLoopbackAddress(), adapterPort);
    }

    /** "127.0.0.1:<port>", as the adapter names this peer. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    void send(OscPacket packet) throws IOException {
        ByteBuf encoded = OscEncoder.encode(packet, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        try {
            sendRaw(ByteBufUtil.getBytes(encoded));
        } finally {
            encoded.release();
        }
    }

    void sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, adapter));
    }

    /** The next OSC message sent to this peer, or null when none comes within {@code millis}. */
    OscMessage receive(int millis) throws IOException, OscFormatException {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(millis);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException none) {
            return null;
        }
        return (OscMessage) new OscDecoder(OscLimits.DEFAULTS).decode(Unpooled.wrappedBuffer(buffer, 0, packet.getLength()));
    }

    @Override
    public void close() {
        socket.close();
    }
}
