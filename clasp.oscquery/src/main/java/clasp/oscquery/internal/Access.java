package clasp.oscquery.internal;

import clasp.api.auth.Action;
import clasp.api.auth.Authoriser;
import clasp.api.auth.Principal;
import java.util.function.Supplier;

/**
 * OSCQuery's ACCESS of a param for the principal the server's session acts as, asked of the router's authoriser:
 * 1 when it may GET the param, 2 when it may SET it, 3 both, 0 neither.
 */
final class Access {
    static final int NONE = 0;
    static final int READ = 1;
    static final int WRITE = 2;

    private final Supplier<Authoriser> authoriser;
    private final Principal principal;

    Access(Supplier<Authoriser> authoriser, Principal principal) {
        this.authoriser = authoriser;
        this.principal = principal;
    }

    int of(String address) {
        Authoriser a = authoriser.get();
        if (a == null) return NONE;   // between a replaced authoriser and its successor: claim nothing
        return (a.allows(principal, Action.GET, address) ? READ : NONE) | (a.allows(principal, Action.SET, address) ? WRITE : NONE);
    }

    static boolean readable(int access) {
        return (access & READ) != 0;
    }
}
