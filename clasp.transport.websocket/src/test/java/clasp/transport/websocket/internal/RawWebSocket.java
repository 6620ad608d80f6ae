package clasp.transport.websocket.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** A hand-rolled WebSocket client on a plain socket, for what a polite client never does (pipelining, not reading). */
final class RawWebSocket implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final String responseHead;

    private RawWebSocket(Socket socket, String responseHead) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.responseHead = responseHead;
    }

    /** Sends the upgrade request followed, in the same write, by {@code pipelined} bytes; reads the response head. */
    static RawWebSocket open(InetSocketAddress server, String path, byte[] pipelined, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(server, 5000);
        return upgrade(socket, path, "", pipelined);
    }

    /**
     * Asks {@code socket} (connected, plain or TLS) to upgrade, with {@code extraHeaders} (each ending in CRLF) in the
     * request, followed in the same write by {@code pipelined} bytes; reads the response head, whatever its status.
     */
    static RawWebSocket upgrade(Socket socket, String path, String extraHeaders, byte[] pipelined) throws IOException {
        socket.setSoTimeout(10_000);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: clasp\r\n" + extraHeaders + "\r\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(request.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(pipelined);
        socket.getOutputStream().write(bytes.toByteArray());
        socket.getOutputStream().flush();
        return new RawWebSocket(socket, readHead(socket.getInputStream()));
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in response head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** A client-to-server (masked) binary frame holding {@code payload}. */
    static byte[] maskedBinaryFrame(byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x82);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        return frame.toByteArray();
    }

    /** A frame as the server sent it (unmasked): its opcode and payload. */
    record ServerFrame(int opcode, byte[] payload) {
        static final int BINARY = 0x2;
        static final int CLOSE = 0x8;

        /** The close code of a close frame, or -1 when it carries none. */
        int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** Reads the next whole frame the server sent; null at the end of the stream. */
    ServerFrame readFrame() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = readByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = ((long) readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        return new ServerFrame(first & 0x0F, in.readNBytes((int) length));
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("connection closed inside a frame");
        }
        return b;
    }

    /** A client-to-server (masked) close frame with {@code code}. */
    static byte[] maskedCloseFrame(int code) {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        byte[] payload = {(byte) (code >>> 8), (byte) code};
        return new byte[] {(byte) 0x88, (byte) 0x82, mask[0], mask[1], mask[2], mask[3],
                (byte) (payload[0] ^ mask[0]), (byte) (payload[1] ^ mask[1])};
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
