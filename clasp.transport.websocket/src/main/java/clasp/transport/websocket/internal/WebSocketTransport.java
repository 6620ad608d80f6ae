package clasp.transport.websocket.internal;

import clasp.protocol.transport.ConnectionAcceptor;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport: listens for WebSocket upgrades and hands every upgraded connection to the router's
 * {@link ConnectionAcceptor}. It registers no service; its lifetime is the listening socket's.
 * Activation binds the socket (quick, and a failure fails activation); deactivation closes every connection
 * and stops every thread it started (all named {@value #THREAD_PREFIX}...).
 */
@Component(configurationPid = WebSocketTransport.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {})
@Designate(ocd = WebSocketTransportConfig.class)
public final class WebSocketTransport {
    static final String PID = "clasp.transport.websocket";
    static final String THREAD_PREFIX = "clasp-transport-websocket-";

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECTIONS_CLOSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final OpenConnections connections = new OpenConnections();
    private final EventLoops eventLoops;
    private final Channel serverChannel;
    private final String endpoint;

    @Activate
    public WebSocketTransport(@Reference(name = "acceptor") ConnectionAcceptor acceptor, WebSocketTransportConfig config) {
        ValidConfig valid = ValidConfig.of(config);
        String configured = valid.host() + ":" + config.port();
        // Netty looks up resources and native libraries through the context class loader: use this bundle's.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(WebSocketTransport.class.getClassLoader());
        try {
            eventLoops = EventLoops.create(config.epoll(), THREAD_PREFIX);
            try {
                serverChannel = bind(acceptor, config, valid, configured);
            } catch (RuntimeException | Error e) {
                eventLoops.shutdown(SHUTDOWN_TIMEOUT); // a failed activation leaves no thread behind
                throw e;
            }
        } finally {
            current.setContextClassLoader(previous);
        }
        this.endpoint = valid.host() + ":" + localAddress().getPort();
        LOG.info("{}: listening for WebSocket clients on {} ({}, path {} advertised, any path accepted)",
                PID, this.endpoint, eventLoops.kind(), config.path());
    }

    private Channel bind(ConnectionAcceptor acceptor, WebSocketTransportConfig config, ValidConfig valid, String configured) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops.boss(), eventLoops.io())
                .channel(eventLoops.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true) // re-activation rebinds at once despite TIME_WAIT
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark()))
                .childHandler(new WebSocketChannelInitializer(acceptor, connections,
                        config.maxFrameBytes(), config.pingIntervalSeconds()));
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(valid.host(), config.port()));
        if (!bound.awaitUninterruptibly(BIND_TIMEOUT.toMillis()) || !bound.isSuccess()) {
            Throwable cause = bound.isDone() ? bound.cause() : null;
            String message = PID + ": cannot listen on " + configured + ": " + (cause == null ? "bind timed out"
                    : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            LOG.error(message);
            bound.channel().close();
            throw new IllegalStateException(message, cause);
        }
        return bound.channel();
    }

    @Deactivate
    void deactivate() {
        serverChannel.close().awaitUninterruptibly(CONNECTIONS_CLOSE_TIMEOUT.toMillis());
        connections.closeAll(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), "server stopping", CONNECTIONS_CLOSE_TIMEOUT);
        if (!eventLoops.shutdown(SHUTDOWN_TIMEOUT)) {
            LOG.warn("{}: event loops did not stop within {}", PID, SHUTDOWN_TIMEOUT);
        }
        LOG.info("{}: stopped listening on {}", PID, endpoint);
    }

    /** The address actually bound (useful with port 0). */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** "epoll" or "nio". */
    String ioKind() {
        return eventLoops.kind();
    }
}
