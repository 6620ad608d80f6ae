package clasp.shell.internal;

import clasp.api.router.SessionInfo;
import java.util.List;

/** What {@code clasp.session:list} returns: every open session, network and local, oldest first. */
public record SessionList(List<SessionInfo> sessions, long nowMicros) {
    public SessionList {
        sessions = List.copyOf(sessions);
    }
}
