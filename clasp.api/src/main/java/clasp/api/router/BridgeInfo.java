package clasp.api.router;

/**
 * One bridge instance as the router sees it.
 *
 * @param id           the instance id ({@code clasp.bridge.id})
 * @param protocol     {@code clasp.bridge.protocol}, or "" when absent
 * @param bundle       symbolic name of the bundle that registered it
 * @param state        its state; {@code detail} says why
 * @param sinceMicros  when it entered {@code state}, µs since the epoch
 * @param messagesIn   SETs and PUBLISHes it sent into the router
 * @param messagesOut  messages delivered to its listeners
 * @param dropped      messages for it dropped because its queue was full
 */
public record BridgeInfo(String id, String protocol, String bundle, PluginState state, String detail,
                         long sinceMicros, long messagesIn, long messagesOut, long dropped) {
}
