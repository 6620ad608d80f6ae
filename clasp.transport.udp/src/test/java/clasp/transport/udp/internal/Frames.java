package clasp.transport.udp.internal;

import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.WelcomeMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.EncodeException;
import java.util.Set;

/** CLASP frames for the tests, encoded with the project's codec. */
final class Frames {
    private Frames() {
    }

    static byte[] encode(Message message) {
        try {
            return ClaspCodec.defaults().encode(Frame.of(message));
        } catch (EncodeException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] hello(String name) {
        return encode(new HelloMessage(1, Set.of(), name, null));
    }

    static byte[] welcome(String session) {
        return encode(new WelcomeMessage(1, Set.of(), 1L, session, "test-router", null));
    }

    static byte[] set(String address, long value) {
        return encode(new SetMessage(address, Value.of(value)));
    }

    /** True when {@code frame} decodes as a HELLO; false for anything else, garbage included. */
    static boolean isHello(byte[] frame) {
        try {
            return ClaspCodec.defaults().decode(frame).message() instanceof HelloMessage;
        } catch (Exception e) {
            return false;
        }
    }

    static Message decode(byte[] frame) {
        try {
            return ClaspCodec.defaults().decode(frame).message();
        } catch (Exception e) {
            throw new AssertionError("not a CLASP frame", e);
        }
    }
}
