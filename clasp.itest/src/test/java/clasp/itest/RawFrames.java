package clasp.itest;

import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.protocol.ClaspCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** What the raw-socket test peers write: the WebSocket upgrade request and CLASP messages as masked binary frames. */
final class RawFrames {
    private RawFrames() { }

    /** Writes the upgrade request a browser would send for the {@code clasp} subprotocol. */
    static void upgrade(OutputStream out, int port) throws IOException {
        out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: clasp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Writes {@code m} as one masked binary WebSocket message. */
    static void send(OutputStream out, Message m) throws Exception {
        send(out, Frame.of(m));
    }

    /** Writes {@code frame} (its QoS as given) as one masked binary WebSocket message. */
    static void send(OutputStream out, Frame frame) throws Exception {
        byte[] payload = ClaspCodec.defaults().encode(frame);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(0x82);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
        out.write(payload);
        out.flush();
    }
}
