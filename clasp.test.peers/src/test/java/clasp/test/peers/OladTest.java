package clasp.test.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The fixture drives a real olad: an ArtDmx sent to it is what get_dmx reads; set_dmx is held by the universe. */
class OladTest {
    @Test
    void artDmxIntoOlaIsReadBackAndSetDmxIsHeld() throws Exception {
        try (Olad olad = Olad.builder().artnet(true).port("2-1-I-0 = 1").port("2-1-O-0 = 3").start()) {
            olad.awaitUniverse(1);
            byte[] data = {10, 20, 30, 40};
            ByteBuffer packet = ByteBuffer.allocate(18 + data.length);
            packet.put("Art-Net\0".getBytes(StandardCharsets.US_ASCII)).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x5000)
                    .order(ByteOrder.BIG_ENDIAN).putShort((short) 14).put((byte) 1).put((byte) 0)
                    .order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).order(ByteOrder.BIG_ENDIAN)
                    .putShort((short) data.length).put(data);
            long deadline = System.nanoTime() + 30_000_000_000L;
            int[] seen;
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                do {   // olad may still be opening its Art-Net port: send until it has the frame
                    socket.send(new DatagramPacket(packet.array(), packet.position(), InetAddress.getLoopbackAddress(), 6454));
                    Thread.sleep(100);
                    seen = Arrays.copyOf(olad.dmx(1), 4);
                } while (!Arrays.equals(seen, new int[] {10, 20, 30, 40}) && System.nanoTime() < deadline);
            }
            assertThat(seen).as(olad.log()).containsExactly(10, 20, 30, 40);

            olad.setDmx(3, 7, 8, 9);
            assertThat(Arrays.copyOf(olad.dmx(3), 4)).containsExactly(7, 8, 9, 0);
        }
    }
}
