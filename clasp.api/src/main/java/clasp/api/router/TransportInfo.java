package clasp.api.router;

/**
 * One transport instance (a listener) as the router sees it.
 *
 * @param id          the instance id ({@code clasp.transport.id})
 * @param kind        {@code clasp.transport.kind}, e.g. "websocket"
 * @param endpoint    where clients connect, e.g. {@code ws://0.0.0.0:7330/}; "" until open
 * @param state       its state; {@code detail} says why
 * @param connections connections open now
 * @param accepted    connections accepted since it opened
 * @param framesIn    frames received on its connections
 * @param framesOut   frames sent on its connections
 */
public record TransportInfo(String id, String kind, String endpoint, PluginState state, String detail,
                            int connections, long accepted, long framesIn, long framesOut) {
}
