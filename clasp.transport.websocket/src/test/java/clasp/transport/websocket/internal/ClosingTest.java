package clasp.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.protocol.transport.Connection;
import clasp.transport.websocket.internal.RawWebSocket.ServerFrame;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How connections end, seen from raw sockets: one close frame, nothing lost to a reset, no waiting for deadlines. */
class ClosingTest {
    private static final int LARGEST_FRAME = 65_547;

    private final RecordingAcceptor router = new RecordingAcceptor();
    @RegisterExtension
    final StartedListeners listeners = new StartedListeners(router);

    private WebSocketTransport start(Object... config) {
        return listeners.start(config);
    }

    /** Every frame until the end of the stream; an IOException (a reset) fails the test. */
    private static List<ServerFrame> readToEnd(RawWebSocket raw) throws IOException {
        List<ServerFrame> frames = new ArrayList<>();
        ServerFrame frame;
        while ((frame = raw.readFrame()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    @Test
    void aFrameAboveTheLimitGetsExactlyOneCloseWith1009() throws Exception {
        router.echo = false;
        WebSocketTransport transport = start();
        byte[] tooBig = RawWebSocket.maskedBinaryFrame(new byte[LARGEST_FRAME + 1]);
        try (RawWebSocket raw = RawWebSocket.open(transport.localAddress(), "/", tooBig, 0)) {
            List<ServerFrame> frames = readToEnd(raw);
            assertThat(frames).extracting(ServerFrame::opcode).containsExactly(ServerFrame.CLOSE);
            assertThat(frames.get(0).closeCode()).isEqualTo(1009);
        }
        Stalls.await("closed()", 30, () -> router.peers.stream().allMatch(p -> p.closedCalls.get() == 1));
    }

    @Test
    void theRouterClosingAConnectionLetsThePeerReadEverythingAndTheCloseFrame() throws Exception {
        router.echo = false;
        WebSocketTransport transport = start();
        int backlog = 400;
        AtomicBoolean closing = new AtomicBoolean();
        router.onAccept = peer -> peer.onFrame = frame -> {
            if (closing.compareAndSet(false, true)) {
                // What the router does with a peer past its limit: an ERROR-like frame, a backlog, then close.
                for (int i = 0; i < backlog; i++) {
                    peer.connection.send(Unpooled.buffer(8 * 1024).writeInt(i).writerIndex(8 * 1024));
                }
                peer.connection.close(Connection.CLOSE_PROTOCOL_ERROR, "too many malformed frames");
            }
        };
        try (RawWebSocket raw = RawWebSocket.open(transport.localAddress(), "/", new byte[0], 16 * 1024)) {
            // The peer keeps sending and reads only once the router has closed: input is left unread at the close.
            Thread flooder = new Thread(() -> flood(raw), "test-flooder");
            flooder.start();
            Stalls.await("the router closed", 30, closing::get);
            Thread.sleep(200); // let the close reach the socket while the peer still does not read

            List<ServerFrame> frames = readToEnd(raw);
            assertThat(frames).hasSize(backlog + 1);
            for (int i = 0; i < backlog; i++) {
                assertThat(frames.get(i).opcode()).isEqualTo(ServerFrame.BINARY);
                assertThat(ByteBuffer.wrap(frames.get(i).payload()).getInt()).isEqualTo(i);
            }
            ServerFrame close = frames.get(backlog);
            assertThat(close.opcode()).isEqualTo(ServerFrame.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1002);
            assertThat(close.closeReason()).isEqualTo("too many malformed frames");
        }
    }

    private static void flood(RawWebSocket raw) {
        byte[] frame = RawWebSocket.maskedBinaryFrame(new byte[1024]);
        try {
            while (true) {
                raw.out.write(frame);
            }
        } catch (IOException closed) {
            // the server closed, or the test did
        }
    }

    @Test
    void anUnsupportedWebSocketVersionGets426AndTheConnectionClosesAtOnce() throws Exception {
        WebSocketTransport transport = start();
        try (Socket socket = new Socket("127.0.0.1", transport.localAddress().getPort())) {
            socket.setSoTimeout(5000); // below the upgrade deadline (10 s): waiting for it fails the test
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 426").containsIgnoringCase("sec-websocket-version: 13");
        }
        assertThat(router.peers).isEmpty();
    }
}
