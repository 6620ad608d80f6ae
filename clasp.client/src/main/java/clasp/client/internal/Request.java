package clasp.client.internal;

import clasp.api.message.AckMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.ParamEntry;
import clasp.api.message.SignalDefinition;
import clasp.api.Value;
import clasp.client.ClaspErrorException;
import clasp.client.ParamNotFoundException;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A message that awaits a reply, and how the reply is recognised. Replies carry no request id, so each kind
 * recognises its own: a SET's ACK names its address and a revision, a PUBLISH's its address only, a BUNDLE's no
 * address; an ERROR names the address it is about. GET, SUBSCRIBE and QUERY are {@linkplain #fenced() fenced}: a PING
 * follows them, and since the router answers a connection's frames in order, the PONG says every reply to them came.
 * Event loop only, except {@link #future}, which the client completes on its callback executor.
 */
abstract class Request<T> {
    final CompletableFuture<T> future = new CompletableFuture<>();
    final Frame frame;
    final String address;
    int copiesSent;
    Future<?> timeout;
    Future<?> retry;

    Request(Frame frame, String address) {
        this.frame = frame;
        this.address = address;
    }

    /** Whether a PING follows it and its PONG ends it. */
    boolean fenced() { return false; }

    boolean acceptsAck(AckMessage ack) { return false; }

    /** The value an accepted ACK completes it with. */
    T fromAck(AckMessage ack) { throw new IllegalStateException(); }

    boolean acceptsError(ErrorMessage error) {
        return error.address() != null && error.address().equals(address);
    }

    Throwable fromError(ErrorMessage e) { return new ClaspErrorException(e.code(), e.message(), e.address()); }

    /** A SNAPSHOT entry arrived while it was in flight: true if it completes it. */
    boolean entry(ParamEntry entry, Completer completer) { return false; }

    /** RESULT entries arrived while it was the oldest query in flight. */
    void result(List<SignalDefinition> signals) { }

    /** Its PONG arrived: every reply to it came before. */
    void fence(Completer completer) { }

    /** Completes futures on the client's callback executor. */
    interface Completer {
        <T> void complete(Request<T> request, T value);

        void fail(Request<?> request, Throwable cause);
    }

    /** SET: ACK {address, revision} → the new revision. */
    static final class SetRequest extends Request<Long> {
        SetRequest(Frame frame, String address) { super(frame, address); }

        @Override boolean acceptsAck(AckMessage ack) { return address.equals(ack.address()) && ack.revision() != null; }

        @Override Long fromAck(AckMessage ack) { return ack.revision(); }
    }

    /** PUBLISH at Confirm or Commit: ACK {address}. */
    static final class PublishRequest extends Request<Void> {
        PublishRequest(Frame frame, String address) { super(frame, address); }

        @Override boolean acceptsAck(AckMessage ack) { return address.equals(ack.address()) && ack.revision() == null; }

        @Override Void fromAck(AckMessage ack) { return null; }
    }

    /** BUNDLE at Confirm or Commit: ACK {revision of its last SET} or no fields; errors name a SET's address or none. */
    static final class BundleRequest extends Request<Long> {
        private final Set<String> addresses;

        BundleRequest(Frame frame, Set<String> addresses) {
            super(frame, null);
            this.addresses = addresses;
        }

        @Override boolean acceptsAck(AckMessage ack) { return ack.address() == null; }

        @Override Long fromAck(AckMessage ack) { return ack.revision(); }

        @Override boolean acceptsError(ErrorMessage e) {
            return e.address() == null || addresses.contains(e.address());
        }
    }

    /** ANNOUNCE: ACK {address: namespace}. */
    static final class AnnounceRequest extends Request<Void> {
        AnnounceRequest(Frame frame, String namespace) { super(frame, namespace); }

        @Override boolean acceptsAck(AckMessage ack) {
            return Objects.equals(address, ack.address()) && ack.revision() == null;
        }

        @Override Void fromAck(AckMessage ack) { return null; }

        @Override boolean acceptsError(ErrorMessage e) { return Objects.equals(e.address(), address); }
    }

    /** GET: a SNAPSHOT entry with exactly its address; the PONG first means there is no such param. */
    static final class GetRequest extends Request<Value> {
        GetRequest(Frame frame, String address) { super(frame, address); }

        @Override boolean fenced() { return true; }

        @Override boolean entry(ParamEntry entry, Completer completer) {
            if (!entry.address().equals(address)) return false;
            completer.complete(this, entry.value());
            return true;
        }

        @Override void fence(Completer completer) { completer.fail(this, new ParamNotFoundException(address)); }
    }

    /** SUBSCRIBE: no reply when accepted (its snapshot, if any, goes to the listener); ERROR 202 or 429 names the pattern. */
    static final class SubscribeRequest<S> extends Request<S> {
        final S subscription;
        final long id;

        SubscribeRequest(Frame frame, String pattern, long id, S subscription) {
            super(frame, pattern);
            this.id = id;
            this.subscription = subscription;
        }

        @Override boolean fenced() { return true; }

        @Override void fence(Completer completer) { completer.complete(this, subscription); }
    }

    /** QUERY: RESULT frames (split by the router) up to the PONG. */
    static final class QueryRequest extends Request<List<SignalDefinition>> {
        private final List<SignalDefinition> found = new ArrayList<>();

        QueryRequest(Frame frame, String pattern) { super(frame, pattern); }

        @Override boolean fenced() { return true; }

        @Override void result(List<SignalDefinition> signals) { found.addAll(signals); }

        @Override void fence(Completer completer) { completer.complete(this, List.copyOf(found)); }
    }
}
