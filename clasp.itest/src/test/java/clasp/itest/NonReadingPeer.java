package clasp.itest;

import clasp.api.message.Message;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A CLASP peer on a raw WebSocket that sends frames and reads nothing, as an attacker or a hung client would: the
 * router sees its outbound queue grow. Only {@link #readToClose} reads, to learn how the router closed it.
 */
final class NonReadingPeer implements AutoCloseable {
    private final Socket socket = new Socket();
    private final OutputStream out;

    NonReadingPeer(int port) throws IOException {
        socket.setReceiveBufferSize(16 * 1024);   // small, so the router's side fills soon
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        out = socket.getOutputStream();
        RawFrames.upgrade(out, port);
    }

    /** Writes {@code m} as one masked binary WebSocket message. */
    synchronized void send(Message m) throws Exception {
        RawFrames.send(out, m);
    }

    /** Reads at last, past everything the router had queued, up to its close frame: the close code, or -1 if none. */
    int readToClose() throws IOException {
        socket.setSoTimeout(60_000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int matched = 0;
        while (matched < 4) matched = in.readUnsignedByte() == "\r\n\r\n".charAt(matched) ? matched + 1 : 0;
        try {
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                long length = in.readUnsignedByte() & 0x7F;
                if (length == 126) length = in.readUnsignedShort();
                else if (length == 127) length = in.readLong();
                if (opcode == 0x8) return length >= 2 ? in.readUnsignedShort() : -1;
                in.skipNBytes(length);
            }
        } catch (EOFException | java.net.SocketException ended) {
            return -1;
        }
    }

    @Override public void close() throws IOException { socket.close(); }
}
