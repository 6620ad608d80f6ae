package clasp.oscquery.internal;

import clasp.api.auth.Authoriser;
import clasp.api.auth.Principal;
import clasp.api.router.LocalSession;
import clasp.api.router.Router;
import clasp.transport.netty.EventLoops;
import clasp.transport.netty.Listeners;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSCQuery server itself, outside any component model: {@link #start} binds without waiting (the outcome
 * completes {@link #bound()} and is logged), {@link #stop} closes every connection and the router session and ends
 * every thread it started (all named {@value #THREAD_PREFIX}…). Its router session acts with the configured scopes
 * (none: every scope); ACCESS is what the router's authoriser grants that principal.
 */
final class OscQueryServer {
    static final String PID = "clasp.oscquery";
    static final String THREAD_PREFIX = "clasp-oscquery-";
    private static final Logger LOG = LoggerFactory.getLogger(OscQueryServer.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    private final OscQueryConfig config;
    private final Router router;
    private final Supplier<Authoriser> authoriser;
    private final CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
    final LongAdder ignoredMessages = new LongAdder();
    private EventLoops loops;
    private LocalSession session;
    private Clients clients;
    private ScheduledFuture<?> checks;
    private ScheduledFuture<?> reports;
    private ClientWrites writes;
    private volatile Channel serverChannel;
    private boolean stopped;

    static final String SESSION_NAME = "oscquery";

    OscQueryServer(OscQueryConfig config, Router router, Supplier<Authoriser> authoriser) {
        this.config = config;
        this.router = router;
        this.authoriser = authoriser;
    }

    /** Opens the router session and starts binding; {@code onBound} runs (on an event loop) once it listens. */
    synchronized void start(Consumer<InetSocketAddress> onBound) {
        loops = Listeners.callWithLoaderOf(OscQueryServer.class,
                () -> EventLoops.create(PID, config.epoll(), THREAD_PREFIX, 1));
        clients = new Clients(config.maxClients(), ByteBufAllocator.DEFAULT);
        java.util.Set<String> scopes = new java.util.LinkedHashSet<>();
        for (String sc : config.scopes() == null ? new String[0] : config.scopes()) if (sc != null && !sc.isBlank()) scopes.add(sc.trim());
        session = router.openSession(SESSION_NAME, true, scopes);
        ParamWatch watch = new ParamWatch(router, clients);
        watch.start(session);
        writes = new ClientWrites(session, config.maxMessageBytes());
        AddressSpace space = new AddressSpace(router, new Access(authoriser,
                new Principal("local:" + SESSION_NAME, scopes.isEmpty() ? Principal.EVERYTHING : scopes)));
        QueryHandler queries = new QueryHandler(space, new HostInfo(config.name(), router), clients);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.boss(), loops.io())
                .channel(loops.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new OscQueryChannels(config, queries, clients, ignoredMessages, writes));
        checks = loops.boss().scheduleWithFixedDelay(() -> check(watch), config.removalCheckMillis(),
                config.removalCheckMillis(), TimeUnit.MILLISECONDS);
        ClientReport report = new ClientReport(ignoredMessages, writes);
        reports = loops.boss().scheduleWithFixedDelay(report::log, ClientReport.INTERVAL_SECONDS, ClientReport.INTERVAL_SECONDS,
                TimeUnit.SECONDS);
        ChannelFuture binding = bootstrap.bind(config.host(), config.port());
        binding.addListener(f -> bindDone(binding, onBound));
    }

    private void bindDone(ChannelFuture binding, Consumer<InetSocketAddress> onBound) {
        if (!binding.isSuccess()) {
            LOG.error("{}: cannot listen on {}:{}: {}", PID, config.host(), config.port(), binding.cause().getMessage());
            bound.completeExceptionally(binding.cause());
            return;
        }
        InetSocketAddress local = (InetSocketAddress) binding.channel().localAddress();
        synchronized (this) {
            if (stopped) {
                binding.channel().close();
                return;
            }
            serverChannel = binding.channel();
        }
        LOG.info("{}: OSCQuery on http://{}:{}/ (WebSocket on the same port), name \"{}\"", PID, config.host(),
                local.getPort(), config.name());
        onBound.accept(local);
        bound.complete(local);
    }

    private static void check(ParamWatch watch) {
        try {
            watch.check();
        } catch (RuntimeException e) {   // the next check tries again; an exception would cancel the schedule
            LOG.warn("{}: checking for removed params failed: {}", PID, e.toString());
        }
    }

    /** Completes with the bound address, or exceptionally when the bind failed. */
    CompletableFuture<InetSocketAddress> bound() {
        return bound;
    }

    int clientCount() {
        return clients.size();
    }

    ClientWrites writes() {
        return writes;
    }

    long listeners(String path) {
        return clients.listeners(path);
    }

    /** Closes every connection and the router session, and waits for the threads to end. */
    void stop() {
        EventLoops ending;
        synchronized (this) {
            if (stopped || loops == null) return;
            stopped = true;
            checks.cancel(false);
            reports.cancel(false);
            Channel listening = serverChannel;
            if (listening != null) listening.close();   // the event loops' shutdown below waits for it
            clients.closeAll();
            session.close();
            ending = loops;
        }
        if (!ending.shutdown(SHUTDOWN_TIMEOUT)) LOG.warn("{}: threads still running {} after the stop", PID, SHUTDOWN_TIMEOUT);
        bound.completeExceptionally(new IllegalStateException("stopped"));
    }
}
