package clasp.transport.udp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.protocol.ClaspCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatagramsTest {
    private static UdpRefusal problem(byte[] datagram, int maxFrameBytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(datagram);
        UdpRefusal problem = Datagrams.problem(buf, maxFrameBytes);
        assertThat(buf.readerIndex()).isZero();
        return problem;
    }

    @Test
    void exactlyOneFrameWithinTheLimitPasses() {
        byte[] set = Frames.set("/a", 1);
        assertThat(problem(set, set.length)).isNull();
        byte[] timestamped = {0x53, 0x21, 0x00, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x41}; // 12-byte header, 1-byte payload
        assertThat(problem(timestamped, 100)).isNull();
    }

    @Test
    void eachKindOfBadDatagramIsNamed() {
        byte[] set = Frames.set("/a", 1);
        assertThat(problem(set, set.length - 1)).isEqualTo(UdpRefusal.TOO_BIG);
        assertThat(problem(Arrays.copyOf(set, set.length - 1), 100)).isEqualTo(UdpRefusal.TRUNCATED);
        assertThat(problem(new byte[] {0x53, 0x01, 0x00}, 100)).isEqualTo(UdpRefusal.TRUNCATED);
        assertThat(problem(new byte[0], 100)).isEqualTo(UdpRefusal.TRUNCATED);
        assertThat(problem(new byte[] {0x53, 0x21, 0x00, 0x01, 1, 2, 3, 4, 0x41}, 100)).isEqualTo(UdpRefusal.TRUNCATED);
        assertThat(problem(Arrays.copyOf(set, set.length + 1), 100)).isEqualTo(UdpRefusal.UNDECODABLE);
        byte[] badMagic = set.clone();
        badMagic[0] = 0x00;
        assertThat(problem(badMagic, 100)).isEqualTo(UdpRefusal.UNDECODABLE);
    }

    @Test
    void onlyADecodableHelloOpensASession() {
        ByteBuf hello = Unpooled.wrappedBuffer(Frames.hello("x"));
        assertThat(Datagrams.notHello(hello, ClaspCodec.defaults())).isNull();
        assertThat(hello.readerIndex()).isZero();
        assertThat(Datagrams.notHello(Unpooled.wrappedBuffer(Frames.set("/a", 1)), ClaspCodec.defaults()))
                .isEqualTo(UdpRefusal.NOT_HELLO);
        byte[] brokenHello = Frames.hello("x");
        brokenHello[7] = (byte) 0xFF; // header 4, type, version, features: then the name's u16 length, now beyond the frame
        brokenHello[8] = (byte) 0xFF;
        assertThat(Datagrams.notHello(Unpooled.wrappedBuffer(brokenHello), ClaspCodec.defaults()))
                .isEqualTo(UdpRefusal.UNDECODABLE);
    }
}
