package clasp.router.internal.timeline;

import clasp.api.auth.Principal;
import clasp.api.message.Message;
import clasp.router.internal.session.Session;
import clasp.router.internal.session.SessionSubscription;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The router-internal sender of a timeline's SETs: it acts with the id and principal that the timeline's sender had
 * when the timeline arrived, so its SETs are written, authorised and locked-against as that sender's own, and they
 * reach every subscriber, the sender's own connection included (it is a different session object). It never
 * subscribes and is never replied to; it outlives its sender's connection.
 */
final class PlayerSession extends Session {
    PlayerSession(String id, Principal principal, boolean credentialed) {
        super(id);
        principal(principal);
        credentialed(credentialed);
    }

    @Override public boolean isOpen() { return true; }

    @Override public boolean echoes() { return false; }

    @Override public boolean needsFrame() { return false; }

    @Override public void deliver(Message message, ByteBuf frame, List<SessionSubscription> matched) { }

    @Override public void reply(Message message) { }
}
