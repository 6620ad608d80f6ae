package clasp.itest;

import clasp.api.message.Message;
import clasp.protocol.ClaspCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A CLASP peer on a raw WebSocket with a small receive buffer that reads only when asked, a message at a time, so
 * the router sees a reader slower than it can write.
 */
final class SlowReadingPeer implements AutoCloseable {
    /** What ended the connection: the close code sent by the router. */
    static final class Closed extends IOException {
        final int code;

        Closed(int code) {
            super("closed by the router with " + code);
            this.code = code;
        }
    }

    private final Socket socket = new Socket();
    private final OutputStream out;
    private final DataInputStream in;

    SlowReadingPeer(int port) throws IOException {
        socket.setReceiveBufferSize(16 * 1024);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        RawFrames.upgrade(out, port);
        int matched = 0;
        while (matched < 4) matched = in.readUnsignedByte() == "\r\n\r\n".charAt(matched) ? matched + 1 : 0;
    }

    /** Writes {@code m} as one masked binary WebSocket message. */
    synchronized void send(Message m) throws Exception {
        RawFrames.send(out, m);
    }

    /** The next CLASP message; {@link Closed} if the router closed the connection instead. */
    Message read() throws Exception {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int first = in.readUnsignedByte();
            int opcode = first & 0x0F;
            long length = in.readUnsignedByte() & 0x7F;
            if (length == 126) length = in.readUnsignedShort();
            else if (length == 127) length = in.readLong();
            byte[] payload = in.readNBytes((int) length);
            if (opcode == 0x8) throw new Closed(payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1);
            if (opcode == 0x9 || opcode == 0xA) continue;   // ping, pong
            message.writeBytes(payload);
            if ((first & 0x80) != 0) return ClaspCodec.defaults().decode(message.toByteArray()).message();
        }
    }

    @Override public void close() throws IOException { socket.close(); }
}
