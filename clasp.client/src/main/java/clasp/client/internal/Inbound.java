package clasp.client.internal;

import io.netty.buffer.ByteBuf;

/** What a link reports, always on its event loop. */
public interface Inbound {
    /** One whole CLASP frame, borrowed: valid during the call only, released by the link afterwards. */
    void frame(ByteBuf frame);

    /** The link is gone (peer closed, error, or {@link Link#close()}); called once. */
    void closed(String reason);
}
