package clasp.client.internal;

import clasp.api.message.AckMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.api.message.ParamEntry;
import clasp.api.message.SignalDefinition;
import clasp.client.ClientBusyException;
import clasp.protocol.EncodeException;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The requests of one connection awaiting replies: at most {@code maxInFlight} sent, at most {@code maxWaiting} more
 * queued behind them (beyond that a request fails at once with {@link ClientBusyException}). Each fails with a
 * {@link TimeoutException} {@code timeout} after it was submitted, queued time included. A retryable write (Confirm or
 * Commit, carrying the retry mark) is sent again, with the same retry id, every {@code retryInterval} until its reply
 * comes; the router applies it once and answers every copy with the first reply, and those extra replies are
 * recognised as echoes and dropped. Event loop only.
 */
final class Requests {
    /** Writes to the current link. */
    interface Wire {
        void write(Frame frame) throws EncodeException;

        void ping();
    }

    /** The reply that completed a retried request, expected again once per extra copy sent. */
    private static final class Echo {
        final Message reply;
        int remaining;
        final long expiresNanos;

        Echo(Message reply, int remaining, long expiresNanos) {
            this.reply = reply;
            this.remaining = remaining;
            this.expiresNanos = expiresNanos;
        }
    }

    private final EventLoop loop;
    private final Request.Completer completer;
    private final Wire wire;
    private final int maxInFlight;
    private final int maxWaiting;
    private final Duration timeout;
    private final Duration retryInterval;
    private final List<Request<?>> inFlight = new ArrayList<>();
    private final ArrayDeque<Request<?>> waiting = new ArrayDeque<>();
    private final ArrayDeque<Object> pongs = new ArrayDeque<>();   // a fenced Request, or a Runnable to run
    private final ArrayDeque<Echo> echoes = new ArrayDeque<>();
    /** The GETs in flight by address: a SNAPSHOT entry finds its requests without a scan. */
    private final java.util.Map<String, List<Request<?>>> gets = new java.util.HashMap<>();

    Requests(EventLoop loop, Request.Completer completer, Wire wire, int maxInFlight, int maxWaiting, Duration timeout,
             Duration retryInterval) {
        this.loop = loop;
        this.completer = completer;
        this.wire = wire;
        this.maxInFlight = maxInFlight;
        this.maxWaiting = maxWaiting;
        this.timeout = timeout;
        this.retryInterval = retryInterval;
    }

    void submit(Request<?> r) {
        if (inFlight.size() >= maxInFlight && waiting.size() >= maxWaiting) {
            completer.fail(r, new ClientBusyException(inFlight.size(), waiting.size()));
            return;
        }
        r.timeout = loop.schedule(() -> expire(r), timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (inFlight.size() < maxInFlight) send(r);
        else waiting.add(r);
    }

    int inFlight() { return inFlight.size(); }

    int waiting() { return waiting.size(); }

    private void send(Request<?> r) {
        inFlight.add(r);
        if (r instanceof Request.GetRequest) gets.computeIfAbsent(r.address, a -> new ArrayList<>(1)).add(r);
        if (!transmit(r)) return;
        if (r.frame.isRetryable() && !retryInterval.isZero()) {
            long every = retryInterval.toNanos();
            r.retry = loop.scheduleAtFixedRate(() -> transmit(r), every, every, TimeUnit.NANOSECONDS);
        }
    }

    private boolean transmit(Request<?> r) {
        try {
            wire.write(r.frame);
        } catch (EncodeException e) {
            finish(r, null);
            completer.fail(r, new IllegalArgumentException("cannot encode " + r.frame.message().type() + ": " + e.getMessage(), e));
            return false;
        }
        r.copiesSent++;
        if (r.fenced()) {
            wire.ping();
            pongs.add(r);
        }
        return true;
    }

    /** Sends a PING whose PONG runs {@code then} (in order with the fenced requests' PONGs). */
    void fence(Runnable then) {
        wire.ping();
        pongs.add(then);
    }

    private void finish(Request<?> r, Message reply) {
        inFlight.remove(r);
        if (r instanceof Request.GetRequest) {
            List<Request<?>> same = gets.get(r.address);
            if (same != null && same.remove(r) && same.isEmpty()) gets.remove(r.address);
        }
        if (r.timeout != null) r.timeout.cancel(false);
        if (r.retry != null) r.retry.cancel(false);
        if (reply != null && r.copiesSent > 1) {
            echoes.add(new Echo(reply, r.copiesSent - 1, System.nanoTime() + timeout.toNanos()));
        }
        while (inFlight.size() < maxInFlight && !waiting.isEmpty()) send(waiting.poll());
    }

    private void expire(Request<?> r) {
        if (!inFlight.contains(r) && !waiting.remove(r)) return;
        finish(r, null);
        completer.fail(r, new TimeoutException("no reply to " + r.frame.message().type()
                + (r.address == null ? "" : " " + r.address) + " within " + timeout.toMillis() + " ms"));
    }

    /** A copy of a reply already taken (a retried request's extra copies): consumed here. */
    private boolean echo(Message reply) {
        long now = System.nanoTime();
        for (Iterator<Echo> it = echoes.iterator(); it.hasNext(); ) {
            Echo e = it.next();
            if (now - e.expiresNanos > 0) {
                it.remove();
            } else if (e.reply.equals(reply)) {
                if (--e.remaining == 0) it.remove();
                return true;
            }
        }
        return false;
    }

    void ack(AckMessage ack) {
        if (echo(ack)) return;
        for (Request<?> r : inFlight) {
            if (r.acceptsAck(ack)) {
                finish(r, ack);
                complete(r, ack);
                return;
            }
        }
    }

    private <T> void complete(Request<T> r, AckMessage ack) {
        completer.complete(r, r.fromAck(ack));
    }

    /**
     * Fails the oldest request the ERROR is about; false if it is about none (a notice, or a scheduled bundle
     * refused when it ran). 101 (malformed frame) and 503 (send buffer overflow) are notices, never replies.
     */
    boolean error(ErrorMessage e) {
        if (e.code() == 101 || e.code() == 503) return false;
        if (echo(e)) return true;
        for (Request<?> r : inFlight) {
            if (r.acceptsError(e)) {
                finish(r, e);
                completer.fail(r, r.fromError(e));
                return true;
            }
        }
        return false;
    }

    void entry(ParamEntry entry) {
        List<Request<?>> waiting = gets.get(entry.address());
        if (waiting == null) return;
        for (Request<?> r : new ArrayList<>(waiting)) {
            if (r.entry(entry, completer)) finish(r, null);
        }
    }

    void result(List<SignalDefinition> signals) {
        for (Request<?> r : inFlight) {
            if (r instanceof Request.QueryRequest) {
                r.result(signals);
                return;
            }
        }
    }

    void pong() {
        Object next = pongs.poll();
        if (next instanceof Runnable then) {
            then.run();
        } else if (next instanceof Request<?> r && inFlight.contains(r)) {
            finish(r, null);
            r.fence(completer);
        }
    }

    /**
     * The connection is gone: every request fails with {@code cause}, except those {@code keep} takes over
     * (subscriptions, which are sent again on the next connection).
     */
    void failAll(Throwable cause, java.util.function.Predicate<Request<?>> keep) {
        List<Request<?>> all = new ArrayList<>(inFlight);
        all.addAll(waiting);
        inFlight.clear();
        waiting.clear();
        gets.clear();
        pongs.clear();
        echoes.clear();
        for (Request<?> r : all) {
            if (r.timeout != null) r.timeout.cancel(false);
            if (r.retry != null) r.retry.cancel(false);
            if (!keep.test(r)) completer.fail(r, cause);
        }
    }
}
