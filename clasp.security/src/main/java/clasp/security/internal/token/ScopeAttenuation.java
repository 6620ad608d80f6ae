package clasp.security.internal.token;

import java.util.List;

/** Whether a delegated token's scopes stay within its parent's (bound to the scope package's attenuation check). */
@FunctionalInterface
public interface ScopeAttenuation {
    /**
     * @param child  the delegated token's scopes
     * @param parent the parent token's scopes
     * @return null when every child scope is allowed by some parent scope, else a text naming the scope that is not
     */
    String violation(List<String> child, List<String> parent);
}
