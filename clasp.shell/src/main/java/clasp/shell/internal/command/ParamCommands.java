package clasp.shell.internal.command;

import clasp.api.Address;
import clasp.api.Value;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.api.router.Router;
import clasp.shell.internal.ParamDetail;
import clasp.shell.internal.ParamList;
import clasp.shell.internal.SessionNames;
import clasp.shell.internal.UserError;
import clasp.shell.internal.ValueSyntax;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code clasp.param:list}, {@code get}, {@code set} and {@code delete}. Reads go to the {@link Router}; writes go
 * through a local session named "shell" that this component opens and closes, so they pass the same checks as a
 * client's and show the shell as their writer. A delete is an admin's act ({@link Router#removeParams}); one
 * that names more than one address (a pattern) only counts and lists unless confirmed with {@code --yes}. Immediate, like the other command components: Gogo gets and
 * releases a command's service around every call, which would deactivate a delayed component (and close its
 * session) after each command.
 */
@Component(service = ParamCommands.class, immediate = true)
@GogoCommand(scope = "clasp.param", function = {"list", "get", "set", "delete"})
public final class ParamCommands {
    static final String SESSION_NAME = "shell";
    /** Addresses an unconfirmed delete lists at most. */
    static final int DELETE_SAMPLE = 5;

    private final Router router;
    private LocalSession session;

    @Activate
    public ParamCommands(@Reference(name = "router") Router router) {
        this.router = router;
        this.session = router.openSession(SESSION_NAME, false);
    }

    @Deactivate
    synchronized void deactivate() {
        session.close();
    }

    @Descriptor("lists every stored param: address, value, type, revision, last writer, lock holder")
    public Object list() {
        return list(RouterCommands.ALL);
    }

    @Descriptor("lists the stored params whose address matches a pattern")
    public Object list(@Descriptor("address pattern, e.g. /mixer/** or /lights/*/level (quote one that starts with /*)") String pattern) {
        String problem = Address.problem(pattern.startsWith("!") ? pattern.substring(1) : pattern);
        if (problem != null) return problem;
        return new ParamList(pattern, router.params(pattern), SessionNames.of(router));
    }

    @Descriptor("shows one param: value, type, revision, writer, time of the last write, lock holder")
    public Object get(@Descriptor("the param's address, e.g. /mixer/1/gain") String address) {
        String problem = Address.problem(address);
        if (problem != null) return problem;
        return router.param(address).<Object>map(p -> new ParamDetail(p, SessionNames.of(router))).orElse("no param " + address);
    }

    @Descriptor("sets a param as the session \"shell\": true/false, null, an integer (i64), a number with a dot or exponent "
            + "(float), JSON in single quotes ('[1,2]', '{\"a\":1}', '\"1.5\"' for the string 1.5), else the text as a string")
    public Object set(@Descriptor("the param's address, e.g. /mixer/1/gain") String address,
                      @Descriptor("the value") Object value) {
        String problem = Address.problem(address);
        if (problem != null) return problem;
        Value v;
        try {
            v = ValueSyntax.fromShell(value);
        } catch (UserError e) {
            return e.getMessage();
        }
        long revision;
        try {
            revision = write(address, v);
        } catch (ClaspException e) {
            return "refused: " + e.getMessage() + " (" + e.code() + ")";
        }
        ParamState state = router.param(address).orElseGet(() -> new ParamState(address, v, revision, sessionId(), 0, null));
        return new ParamDetail(state, SessionNames.of(router));
    }

    @Descriptor("deletes the params at an address or matching a pattern, locked or not, and prints how many; "
            + "subscribers are not told; a later SET creates a param again at revision 1. A pattern (* or **) "
            + "deletes only with --yes; without it, it shows what it would delete")
    public Object delete(@Descriptor("delete what the pattern matches without asking")
                         @Parameter(names = {"-y", "--yes"}, presentValue = "true", absentValue = "false") boolean yes,
                         @Descriptor("an address, e.g. /mixer/1/gain, or a pattern, e.g. /mixer/** (quote one that starts with /*)")
                         String pattern) {
        String problem = Address.problem(pattern);
        if (problem != null) return problem;
        if (!isPattern(pattern)) {
            return router.removeParams(pattern) == 0 ? "no param " + pattern : "deleted 1 param: " + pattern;
        }
        if (!yes) {
            List<ParamState> matching = router.params(pattern);
            if (matching.isEmpty()) return "no params match " + pattern;
            return pattern + " matches " + count(matching.size()) + ": " + sample(matching)
                    + "; nothing deleted: run clasp.param:delete --yes " + pattern + " to delete them";
        }
        int removed = router.removeParams(pattern);
        return removed == 0 ? "no params match " + pattern : "deleted " + count(removed) + " matching " + pattern;
    }

    /** True when {@code pattern} may name more than one address. */
    static boolean isPattern(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0
                || pattern.indexOf('{') >= 0;
    }

    private static String count(int n) {
        return n + (n == 1 ? " param" : " params");
    }

    /** The first few addresses, sorted. */
    private static String sample(List<ParamState> params) {
        List<String> addresses = params.stream().map(ParamState::address).sorted().toList();
        String shown = String.join(", ", addresses.subList(0, Math.min(DELETE_SAMPLE, addresses.size())));
        return addresses.size() > DELETE_SAMPLE ? shown + ", ..." : shown;
    }

    /** Writes through the shell's session; if an admin closed that session (kick), opens a new one once. */
    private synchronized long write(String address, Value value) throws ClaspException {
        try {
            return session.set(address, value);
        } catch (ClaspException e) {
            String id = session.id();
            if (router.sessions().stream().anyMatch(s -> s.id().equals(id))) throw e;
            session.close();
            session = router.openSession(SESSION_NAME, false);
            return session.set(address, value);
        }
    }

    private synchronized String sessionId() {
        return session.id();
    }
}
