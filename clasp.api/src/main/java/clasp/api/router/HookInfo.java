package clasp.api.router;

/**
 * One write hook ({@code clasp.api.hook}) as the router sees it.
 *
 * @param serviceId its {@code service.id}
 * @param id        its {@code clasp.hook.id} property, or null when it has none
 * @param kind      "validator", "transform" or "snapshot filter"
 * @param ranking   its {@code service.ranking}: higher is called first
 * @param bundle    symbolic name of the bundle that registered it ("" when unknown)
 * @param disabled  true once the router stopped calling it for running past the hook budget (until its service is
 *                  registered again or its properties change)
 */
public record HookInfo(long serviceId, String id, String kind, int ranking, String bundle, boolean disabled) {
}
