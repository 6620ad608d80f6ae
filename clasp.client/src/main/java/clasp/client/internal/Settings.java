package clasp.client.internal;

import clasp.api.Feature;
import clasp.client.ClientTls;
import clasp.client.Heartbeat;
import clasp.client.Reconnect;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;

/** Everything a client is built with (see ClaspClient.Builder for each one's meaning and default). */
public record Settings(URI uri, String name, String token, Set<Feature> features, Duration connectTimeout,
                       Duration requestTimeout, Duration retryInterval, int maxInFlight, int maxWaiting,
                       Reconnect reconnect, Heartbeat heartbeat, Duration clockSyncInterval, ClientTls tls,
                       EventLoopGroup sharedGroup, Executor callbackExecutor) {
}
