package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.AckMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.GetMessage;
import clasp.api.message.Message;
import clasp.api.message.ParamEntry;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.protocol.FuzzInput;
import clasp.protocol.FuzzRun;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.IllegalReferenceCountException;
import java.util.ArrayList;
import java.util.List;

/**
 * The router's frame handler as a fuzz target. A client that has sent a valid HELLO gets each input as one frame, in
 * a tracked buffer the harness releases afterwards, as a transport does; when the router closes it (too many
 * malformed frames, a protocol error) the next input goes to a new client. Crashes: an exception out of
 * {@code frameReceived}, a handler that releases the transport's buffer, a reply that does not decode. After each
 * batch a second, clean client must still SET a value and GET it back, and every {@code restartEvery} batches the
 * router is stopped (every buffer it kept must then be released) and a new one started with the next of the given
 * settings, in turn.
 */
final class RouterFuzzTarget implements FuzzRun.Target, AutoCloseable {
    private final List<RouterSettings> settings;
    private final int restartEvery;
    private final List<ByteBuf> kept = new ArrayList<>();
    private RouterComponent router;
    private TestClient fuzzer;
    private long batches;
    private int starts;

    RouterFuzzTarget(List<RouterSettings> settings, int restartEvery) {
        this.settings = settings;
        this.restartEvery = restartEvery;
        start();
    }

    @Override public String feed(FuzzInput input) {
        if (fuzzer == null) fuzzer = handshaken();
        byte[] bytes = input.bytes();
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(Math.max(1, bytes.length));
        buf.writeBytes(bytes);
        try {
            fuzzer.handler.frameReceived(buf);
        } finally {
            release(buf);
        }
        String outcome = outcome(fuzzer);
        if (fuzzer.conn.closeCode != null) {
            fuzzer.disconnect();
            fuzzer = null;
        }
        return outcome;
    }

    /** The transport releases the frame after the call; a handler that kept it must have retained it. */
    private void release(ByteBuf buf) {
        if (buf.refCnt() == 0) throw new IllegalReferenceCountException("the router released the transport's buffer");
        if (!buf.release()) kept.add(buf);
    }

    /** What the router answered: the first reply's type (ERROR with its code), or the close, or nothing. */
    private static String outcome(TestClient c) {
        List<Message> replies = c.take();
        String closed = c.conn.closeCode == null ? "" : "closed " + c.conn.closeCode + " " + c.conn.closeReason;
        if (replies.isEmpty()) return closed.isEmpty() ? "no reply" : closed;
        Message first = replies.get(0);
        String reply = first instanceof ErrorMessage e ? "ERROR " + e.code() : String.valueOf(first.type());
        return closed.isEmpty() ? reply : reply + ", " + closed;
    }

    @Override public void afterBatch() {
        batches++;
        if (fuzzer != null) {
            fuzzer.disconnect();
            fuzzer = null;
        }
        TestClient clean = handshaken();
        Value value = Value.of(batches);
        clean.send(new SetMessage("/fuzz/check", value));
        assertThat(clean.take()).as("ACK of the clean client's SET").singleElement().isInstanceOf(AckMessage.class);
        clean.send(new GetMessage("/fuzz/check"));
        List<Message> got = clean.take();
        assertThat(got).as("the clean client's GET").singleElement().isInstanceOf(SnapshotMessage.class);
        List<ParamEntry> params = ((SnapshotMessage) got.get(0)).params();
        assertThat(params).as("the clean client's GET").hasSize(1);
        ParamEntry entry = params.get(0);
        assertThat(List.of(entry.address(), entry.value(), entry.writer())).as("the clean client's GET")
                .containsExactly("/fuzz/check", value, clean.session);
        assertThat(clean.conn.closeCode).as("the clean client's connection").isNull();
        clean.disconnect();
        if (batches % restartEvery == 0) {
            stop();
            start();
        }
    }

    /** A client after HELLO and WELCOME, without the initial snapshot (the fuzzed state can be large). */
    private TestClient handshaken() {
        TestClient c = new TestClient(router);
        c.conn.initialSnapshot = false;
        return c.hello();
    }

    private void start() {
        router = new RouterComponent();
        router.startStandalone(settings.get(starts++ % settings.size()));
    }

    /** Stops the router: every buffer it kept past {@code frameReceived} must be released by then. */
    private void stop() {
        if (fuzzer != null) {
            fuzzer.disconnect();
            fuzzer = null;
        }
        router.deactivate();
        List<ByteBuf> unreleased = kept.stream().filter(b -> b.refCnt() != 0).toList();
        kept.clear();
        assertThat(unreleased).as("frames the stopped router still holds").isEmpty();
    }

    @Override public void close() { stop(); }
}
