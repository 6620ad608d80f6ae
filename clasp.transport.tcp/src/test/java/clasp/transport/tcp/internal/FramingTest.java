package clasp.transport.tcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The length-prefixed framing of D13 over real sockets: exact bytes both ways, any read boundaries, bad prefixes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FramingTest {
    private final RecordingAcceptor router = new RecordingAcceptor();
    @RegisterExtension
    final StartedListeners listeners = new StartedListeners(router);

    /** A SET-like CLASP frame: magic, flags, payload length, payload. */
    private static final byte[] FRAME = {0x53, 0x01, 0x00, 0x03, 0x21, 0x2F, 0x61};

    @Test
    void aFrameArrivesWithoutItsPrefixAndGoesBackWithIt() throws Exception {
        TcpTransport transport = listeners.start();
        try (RawTcpClient client = RawTcpClient.connect(transport)) {
            client.sendRaw(new byte[] {0, 0, 0, 7, 0x53, 0x01, 0x00, 0x03, 0x21, 0x2F, 0x61});
            Stalls.await("frame", 30, () -> router.peers.size() == 1 && router.only().frames.size() == 1);
            assertThat(router.only().frames.get(0)).containsExactly(FRAME);
            assertThat(client.readRaw(11)).containsExactly(0, 0, 0, 7, 0x53, 0x01, 0x00, 0x03, 0x21, 0x2F, 0x61);
            assertThat(router.only().connection.transport()).isEqualTo("tcp");
            assertThat(router.only().connection.peerIdentity()).isNull();
            assertThat(router.only().connection.remoteAddress()).isEqualTo("127.0.0.1:" + client.socket.getLocalPort());
        }
    }

    @Test
    void theLargestLegalFramePassesBothWaysByDefault() throws Exception {
        TcpTransport transport = listeners.start();
        byte[] largest = new byte[65_547];
        for (int i = 0; i < largest.length; i++) {
            largest[i] = (byte) (i * 31);
        }
        try (RawTcpClient client = RawTcpClient.connect(transport)) {
            client.sendFrame(largest);
            assertThat(client.readFrame()).isEqualTo(largest);
            assertThat(router.only().frames.get(0)).isEqualTo(largest);
        }
    }

    @Test
    void framesOnEitherSideOfTheEncodersCopyLimitGoBackExactly() throws Exception {
        TcpTransport transport = listeners.start();
        try (RawTcpClient client = RawTcpClient.connect(transport)) {
            for (int size : new int[] {LengthPrefixEncoder.COPY_LIMIT, LengthPrefixEncoder.COPY_LIMIT + 1}) {
                byte[] frame = new byte[size];
                for (int i = 0; i < size; i++) {
                    frame[i] = (byte) (i * 7 + size);
                }
                client.sendFrame(frame);
                assertThat(client.readFrame()).isEqualTo(frame); // copied behind its prefix, then sent as it is
            }
        }
    }

    @Test
    void framesSplitAcrossReadsAndFramesSharingOneReadAreCutTheSame() throws Exception {
        TcpTransport transport = listeners.start();
        ByteArrayOutputStream three = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            three.write(RawTcpClient.prefixed(new byte[] {0x53, 0, 0, 1, (byte) i}));
        }
        try (RawTcpClient client = RawTcpClient.connect(transport)) {
            // One write, three frames.
            client.sendRaw(three.toByteArray());
            Stalls.await("three frames", 30, () -> router.peers.size() == 1 && router.only().frames.size() == 3);
            // One frame a byte at a time, the prefix cut too, each byte its own segment.
            byte[] split = RawTcpClient.prefixed(new byte[] {0x53, 0, 0, 1, 9});
            for (byte b : split) {
                client.sendRaw(new byte[] {b});
                Thread.sleep(2); // lets each byte leave as its own segment
            }
            // The tail of one frame and the head of the next in one write.
            byte[] a = RawTcpClient.prefixed(new byte[] {0x53, 0, 0, 1, 10});
            byte[] b = RawTcpClient.prefixed(new byte[] {0x53, 0, 0, 1, 11});
            client.sendRaw(Arrays.copyOfRange(a, 0, 6));
            Stalls.await("four frames", 30, () -> router.only().frames.size() == 4);
            client.sendRaw(concat(Arrays.copyOfRange(a, 6, a.length), Arrays.copyOfRange(b, 0, 2)));
            client.sendRaw(Arrays.copyOfRange(b, 2, b.length));
            Stalls.await("six frames", 30, () -> router.only().frames.size() == 6);
            assertThat(router.only().frames.stream().map(f -> (int) f[4]).toList()).containsExactly(0, 1, 2, 9, 10, 11);
            for (int expected : new int[] {0, 1, 2, 9, 10, 11}) {
                assertThat(client.readFrame()).containsExactly(0x53, 0, 0, 1, expected);
            }
        }
    }

    @Test
    void aZeroLengthPrefixClosesOnlyThatPeerAfterTheFramesBeforeItAndIsCountedOnce() throws Exception {
        TcpTransport transport = listeners.start();
        try (RawTcpClient bad = RawTcpClient.connect(transport); RawTcpClient good = RawTcpClient.connect(transport)) {
            bad.sendRaw(concat(RawTcpClient.prefixed(FRAME), new byte[] {0, 0, 0, 0}, RawTcpClient.prefixed(FRAME)));
            assertThat(bad.readFrame()).containsExactly(FRAME); // the echo of the frame before the bad prefix
            assertThat(bad.readFrame()).isNull();               // then an orderly end of stream
            RecordingAcceptor.Peer badPeer = peerOf(bad);
            Stalls.await("closed()", 30, () -> badPeer.closedCalls.get() == 1);
            assertThat(badPeer.frames).hasSize(1);
            assertThat(transport.refused(TcpRefusal.ZERO_LENGTH)).isEqualTo(1);
            assertThat(transport.refused(TcpRefusal.TOO_BIG)).isZero();

            good.sendFrame(FRAME);
            assertThat(good.readFrame()).containsExactly(FRAME);
            assertThat(peerOf(good).closedCalls.get()).isZero();
        }
    }

    @Test
    void aPrefixAboveMaxFrameBytesClosesOnlyThatPeerAndWhatFollowsIsIgnored() throws Exception {
        TcpTransport transport = listeners.start("maxFrameBytes", 100);
        try (RawTcpClient bad = RawTcpClient.connect(transport); RawTcpClient good = RawTcpClient.connect(transport)) {
            byte[] atLimit = new byte[100];
            good.sendFrame(atLimit);
            assertThat(good.readFrame()).isEqualTo(atLimit);

            bad.sendRaw(concat(new byte[] {0, 0, 0, 101}, new byte[101], new byte[] {0, 0, 0, 0}, new byte[] {-1, -1, -1, -1}));
            assertThat(bad.readFrame()).isNull();
            RecordingAcceptor.Peer badPeer = peerOf(bad);
            Stalls.await("closed()", 30, () -> badPeer.closedCalls.get() == 1);
            assertThat(badPeer.frames).isEmpty();
            assertThat(transport.refused(TcpRefusal.TOO_BIG)).isEqualTo(1);
            assertThat(transport.refused(TcpRefusal.ZERO_LENGTH)).isZero();

            good.sendFrame(FRAME);
            assertThat(good.readFrame()).containsExactly(FRAME);
            assertThat(peerOf(good).closedCalls.get()).isZero();
            assertThat(peerOf(good).connection.maxFrameBytes()).isEqualTo(100);
        }
    }

    @Test
    void theNioEventLoopsFrameTheSame() throws Exception {
        TcpTransport transport = listeners.start("epoll", false);
        assertThat(transport.ioKind()).isEqualTo("nio");
        try (RawTcpClient client = RawTcpClient.connect(transport)) {
            client.sendFrame(FRAME);
            assertThat(client.readFrame()).containsExactly(FRAME);
        }
    }

    /** The router's side of the connection whose client socket is {@code client}. */
    private RecordingAcceptor.Peer peerOf(RawTcpClient client) {
        String address = "127.0.0.1:" + client.socket.getLocalPort();
        Stalls.await("connection " + address, 30,
                () -> router.peers.stream().anyMatch(p -> p.connection.remoteAddress().equals(address)));
        return router.peers.stream().filter(p -> p.connection.remoteAddress().equals(address)).findFirst().orElseThrow();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
