package clasp.transport.tcp.internal;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A blocking TCP client speaking the length-prefixed framing by hand, so tests control every byte. */
final class RawTcpClient implements Closeable {
    final Socket socket;
    final OutputStream out;
    private final DataInputStream in;

    private RawTcpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    static RawTcpClient connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 10_000);
        socket.setSoTimeout(30_000); // a read that never ends fails the test instead of hanging it
        return new RawTcpClient(socket);
    }

    /** A TLS connection that verifies the server's certificate for 127.0.0.1, handshake done. */
    static RawTcpClient tls(SSLContext context, TcpTransport transport) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name 127.0.0.1
        socket.setSSLParameters(parameters);
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", transport.localAddress().getPort()), 10_000);
        socket.setSoTimeout(30_000);
        try {
            socket.startHandshake();
        } catch (IOException failed) {
            socket.close();
            throw failed;
        }
        return new RawTcpClient(socket);
    }

    static RawTcpClient connect(TcpTransport transport) throws IOException {
        return connect(new InetSocketAddress("127.0.0.1", transport.localAddress().getPort()));
    }

    /** {@code frame} with its 4-byte big-endian length prefix. */
    static byte[] prefixed(byte[] frame) {
        return ByteBuffer.allocate(4 + frame.length).putInt(frame.length).put(frame).array();
    }

    void sendFrame(byte[] frame) throws IOException {
        out.write(prefixed(frame));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame without its prefix; null at an orderly end of stream (a reset throws). */
    byte[] readFrame() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    /** Exactly {@code n} bytes as they arrive, prefixes included. */
    byte[] readRaw(int n) throws IOException {
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    /** True if the server ended the stream in order with nothing more to read. */
    boolean endOfStream() throws IOException {
        return in.read() == -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
