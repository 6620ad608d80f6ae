package clasp.shell.internal.command;

import clasp.api.router.Router;
import clasp.api.router.SessionInfo;
import clasp.shell.internal.Formats;
import clasp.shell.internal.SessionList;
import clasp.shell.internal.SessionMatch;
import clasp.shell.internal.UserError;
import java.time.Clock;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code clasp.session:list} and {@code clasp.session:kick} (by id, unique id prefix or name: {@link SessionMatch}). */
@Component(service = SessionCommands.class, immediate = true)
@GogoCommand(scope = "clasp.session", function = {"list", "kick"})
public final class SessionCommands {
    static final String DEFAULT_REASON = "closed by an administrator";

    private final Router router;

    @Activate
    public SessionCommands(@Reference(name = "router") Router router) {
        this.router = router;
    }

    @Descriptor("lists every open session, network and local: id, name, origin, subscriptions, frames in and out, since when")
    public SessionList list() {
        return new SessionList(router.sessions(), Formats.micros(Clock.systemUTC().instant()));
    }

    @Descriptor("closes a session; a network client's connection is closed with code 1008 and the reason")
    public String kick(@Descriptor("the session: its id, a unique start of it, or its name, as clasp.session:list shows them "
                               + "(quote a name with spaces)") String session,
                       @Descriptor("the reason the client is told (default: \"" + DEFAULT_REASON + "\")") String... reason) {
        String why = reason == null || reason.length == 0 ? DEFAULT_REASON : String.join(" ", reason);
        SessionInfo target;
        try {
            target = SessionMatch.find(router.sessions(), session);
        } catch (UserError e) {
            return e.getMessage();
        }
        // it may have closed since the list was taken
        return router.closeSession(target.id(), why) ? "closed session " + SessionMatch.label(target)
                : "no session " + SessionMatch.label(target) + ": it closed meanwhile";
    }
}
