package clasp.router.internal;

import clasp.api.auth.Action;
import clasp.api.auth.Authoriser;
import clasp.api.auth.Principal;
import org.osgi.service.component.annotations.Component;

/** Open mode: every principal may do everything. Registered at {@link Authoriser#OPEN_RANKING}; any other authoriser replaces it. */
@Component(service = Authoriser.class, property = "service.ranking:Integer=" + Authoriser.OPEN_RANKING)
public final class OpenAuthoriser implements Authoriser {
    @Override public boolean allows(Principal principal, Action action, String address) { return true; }
}
