package clasp.shell.internal;

import clasp.api.router.Router;
import clasp.api.router.SessionInfo;
import java.util.HashMap;
import java.util.Map;

/** Session ids as an admin reads them: with the session's name beside the id while the session is open. */
public final class SessionNames {
    private SessionNames() { }

    /** The open sessions' names by id. */
    public static Map<String, String> of(Router router) {
        Map<String, String> names = new HashMap<>();
        for (SessionInfo s : router.sessions()) names.put(s.id(), s.name());
        return names;
    }

    /** {@code <id> (<name>)} for an open session, the bare id for a closed one, null for none. */
    static String label(String id, Map<String, String> names) {
        if (id == null || id.isEmpty()) return null;
        String name = names.get(id);
        return name == null ? id : id + " (" + name + ")";
    }
}
