package clasp.router.internal;

import clasp.router.internal.session.Session;
/**
 * The one authorisation point: every SET, PUBLISH, GET, SUBSCRIBE and bundle item from any session (network,
 * bridge, shell) is checked here before it takes effect. Open mode allows everything; token scopes come later.
 */
interface Authorizer {
    Authorizer OPEN = new Authorizer() {
        @Override public boolean mayWrite(Session s, String address) { return true; }
        @Override public boolean mayRead(Session s, String address) { return true; }
        @Override public boolean maySubscribe(Session s, String pattern) { return true; }
    };

    boolean mayWrite(Session session, String address);

    boolean mayRead(Session session, String address);

    boolean maySubscribe(Session session, String pattern);
}
