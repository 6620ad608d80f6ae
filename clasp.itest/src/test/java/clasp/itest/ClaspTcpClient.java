package clasp.itest;

import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.WelcomeMessage;
import clasp.protocol.ClaspCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A CLASP client over TCP (plain or TLS, whatever socket it is given): every frame with its 4-byte big-endian
 * length prefix, encoded and decoded with the project's codec. It records every message it receives.
 */
final class ClaspTcpClient implements AutoCloseable {
    static {
        // The codec's Netty would log through SLF4J, which finds no provider on this class path and says so.
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
    }

    private final Socket socket;
    private final DataOutputStream out;
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile Throwable error;

    private ClaspTcpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new DataOutputStream(socket.getOutputStream());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        this.reader = new Thread(() -> read(in), "clasp-itest-tcp-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Over a connected socket: sends HELLO and waits for WELCOME. */
    static ClaspTcpClient hello(Socket socket, String name) throws Exception {
        ClaspTcpClient client = new ClaspTcpClient(socket);
        client.send(new HelloMessage(1, Set.of(), name, null));
        client.await(m -> m instanceof WelcomeMessage, Duration.ofSeconds(30));
        return client;
    }

    void send(Message message) throws Exception {
        byte[] frame = ClaspCodec.defaults().encode(Frame.of(message));
        synchronized (out) {
            out.writeInt(frame.length);
            out.write(frame);
            out.flush();
        }
    }

    /** The first message received that matches; fails after {@code timeout}. */
    Message await(Predicate<Message> matches, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (Message m : received) {
                if (matches.test(m)) return m;
            }
            if (error != null) throw new AssertionError("the TCP connection failed", error);
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no matching message within " + timeout + "; received: " + received);
            }
            Thread.sleep(20);
        }
    }

    private void read(DataInputStream in) {
        try {
            while (true) {
                int length = in.readInt();
                byte[] frame = new byte[length];
                in.readFully(frame);
                received.add(ClaspCodec.defaults().decode(frame).message());
            }
        } catch (EOFException end) {
            error = new IOException("the router ended the connection");
        } catch (Exception e) {
            if (!socket.isClosed()) error = e;
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        reader.join(10_000);
    }
}
