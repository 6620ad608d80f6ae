package clasp.shell.internal;

import clasp.api.router.SessionInfo;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the one session an admin means: by its whole id, a unique start of its id, or its name. Ids are long
 * (UUIDs), so {@code clasp.session:kick 3f2a} or {@code clasp.session:kick "mixer desk"} is what people type.
 */
public final class SessionMatch {
    private SessionMatch() { }

    /**
     * The session {@code given} names among {@code sessions}: a whole id first, else the sessions whose id starts
     * with it or whose name is it, when that is exactly one.
     *
     * @throws UserError when none matches, or several do (listing them, id and name)
     */
    public static SessionInfo find(List<SessionInfo> sessions, String given) throws UserError {
        for (SessionInfo s : sessions) {
            if (s.id().equals(given)) return s;
        }
        List<SessionInfo> matches = sessions.stream()
                .filter(s -> s.id().startsWith(given) || s.name().equals(given)).toList();
        if (matches.size() == 1) return matches.get(0);
        if (matches.isEmpty()) throw new UserError("no session " + given);
        throw new UserError("'" + given + "' matches " + matches.size() + " sessions: " + matches.stream()
                .map(SessionMatch::label).collect(Collectors.joining(", ")) + "; give more of the id");
    }

    /** {@code <id> (<name>)}: how the shell shows a session where it shows an id. */
    public static String label(SessionInfo s) {
        return s.id() + " (" + s.name() + ")";
    }
}
