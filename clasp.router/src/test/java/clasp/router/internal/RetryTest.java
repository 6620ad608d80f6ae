package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.message.*;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The retry mark: a SET, PUBLISH or BUNDLE sent again in a frame with the same retry id and the same payload is
 * applied once and answered with the first reply; unmarked frames (all of the JS 3.3.2 client's) are never merged.
 */
class RetryTest extends RouterTestSupport {
    private static SetMessage set(String address, long v) { return new SetMessage(address, Value.of(v)); }

    private static AckMessage ack(String address, Long revision) { return new AckMessage(address, revision, null, null, null); }

    /**
     * A client that sends a write until it sees its reply, with one retry id: the first {@code lost} replies are lost on
     * the way back (taken and thrown away), as when a connection hiccups, so it sends the same frame again.
     */
    private static List<Message> sendUntilAnswered(TestClient c, Frame frame, int lost) {
        for (int attempt = 0; ; attempt++) {
            c.send(frame);
            List<Message> got = c.take();
            if (attempt >= lost) return got;
        }
    }

    @Test void aRetriedSetIsAppliedOnceAndEveryCopyGetsTheFirstAck() {
        TestClient c = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/r"));
        List<Message> answer = sendUntilAnswered(c, Frame.retryable(set("/r", 1), QoS.CONFIRM, 42), 2);
        assertThat(answer).containsExactly(ack("/r", 1L));
        assertThat(sub.take()).containsExactly(new SetMessage("/r", Value.of(1L), 1L));
        assertThat(router.param("/r").orElseThrow().revision()).isEqualTo(1);
    }

    @Test void aRetriedPublishIsDeliveredOnceAtEachQos() {
        TestClient c = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/**"));
        PublishMessage go = PublishMessage.event("/cue/go", Value.of(1L));
        assertThat(sendUntilAnswered(c, Frame.retryable(go, QoS.COMMIT, 1), 1)).containsExactly(ack("/cue/go", null));
        assertThat(sendUntilAnswered(c, Frame.retryable(go, QoS.CONFIRM, 2), 3)).containsExactly(ack("/cue/go", null));
        assertThat(sendUntilAnswered(c, Frame.retryable(go, QoS.FIRE, 3), 1)).isEmpty();
        assertThat(sub.take()).containsExactly(go, go, go);   // one per retry id
    }

    @Test void aRetriedBundleIsAppliedOnce() {
        TestClient c = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/**"));
        BundleMessage b = new BundleMessage(null, List.of(set("/x", 1), set("/y", 2), PublishMessage.event("/go", Value.of(1L))));
        assertThat(sendUntilAnswered(c, Frame.retryable(b, QoS.COMMIT, 9), 2)).containsExactly(ack(null, 1L));
        assertThat(sub.take()).hasSize(3);
        assertThat(router.param("/x").orElseThrow().revision()).isEqualTo(1);
    }

    @Test void identicalUnmarkedFramesAreDistinctWrites() {
        TestClient c = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/**"));
        String jsSet = "53 41 00 0E 21 05 00 02 2F 61 00 00 00 00 00 00 00 01";   // what JS 3.3.2 sends for set('/a', 1)
        String jsStamped = "53 61 00 0E 00 00 00 00 00 00 00 07 21 05 00 02 2F 61 00 00 00 00 00 00 00 01";   // encodeMessage(.., {timestamp: 7})
        c.hex(jsSet);
        c.hex(jsSet);
        c.hex(jsStamped);
        c.hex(jsStamped);
        assertThat(c.take()).containsExactly(ack("/a", 1L), ack("/a", 2L), ack("/a", 3L), ack("/a", 4L));
        assertThat(sub.take()).hasSize(4);
    }

    @Test void aReusedRetryIdOnADifferentWriteIsANewWrite() {
        TestClient c = client();
        c.send(Frame.retryable(set("/r", 1), QoS.CONFIRM, 5));
        c.send(Frame.retryable(set("/r", 2), QoS.CONFIRM, 5));
        c.send(Frame.retryable(set("/r", 2), QoS.CONFIRM, 5));   // a retry of the second
        assertThat(c.take()).containsExactly(ack("/r", 1L), ack("/r", 2L), ack("/r", 2L));
        assertThat(router.param("/r").orElseThrow().value()).isEqualTo(Value.of(2L));
    }

    @Test void aRefusedWriteIsDecidedAgainWhenRetried() {
        TestClient holder = client();
        TestClient c = client();
        holder.send(new SetMessage("/l", Value.of(0L), null, true, false, null));
        Frame write = Frame.retryable(set("/l", 1), QoS.CONFIRM, 77);
        c.send(write);
        assertThat(c.take()).containsExactly(new ErrorMessage(400, "LockHeld { holder: \"" + holder.session + "\" }", "/l", null));
        holder.send(new SetMessage("/l", Value.of(0L), null, false, true, null));
        c.send(write);
        c.send(write);
        assertThat(c.take()).containsExactly(ack("/l", 3L), ack("/l", 3L));
    }

    @Test void theWindowIsBoundedAndForgetsTheOldestIds() {
        restart(TestSettings.defaults().retryWindow(2));
        TestClient c = client();
        for (long id = 1; id <= 3; id++) c.send(Frame.retryable(set("/w", id), QoS.CONFIRM, id));
        c.send(Frame.retryable(set("/w", 1), QoS.CONFIRM, 1));   // forgotten: applied again
        c.send(Frame.retryable(set("/w", 3), QoS.CONFIRM, 3));   // still remembered
        assertThat(c.take()).containsExactly(ack("/w", 1L), ack("/w", 2L), ack("/w", 3L), ack("/w", 4L), ack("/w", 3L));
    }

    @Test void aWindowOfZeroDeduplicatesNothing() {
        restart(TestSettings.defaults().retryWindow(0));
        TestClient c = client();
        c.send(Frame.retryable(set("/z", 1), QoS.CONFIRM, 1));
        c.send(Frame.retryable(set("/z", 1), QoS.CONFIRM, 1));
        assertThat(c.take()).containsExactly(ack("/z", 1L), ack("/z", 2L));
    }

    @Test void retryIdsBelongToOneSession() {
        TestClient a = client();
        TestClient b = client();
        a.send(Frame.retryable(set("/s", 1), QoS.CONFIRM, 1));
        b.send(Frame.retryable(set("/s", 1), QoS.CONFIRM, 1));
        assertThat(a.take()).containsExactly(ack("/s", 1L));
        assertThat(b.take()).containsExactly(ack("/s", 2L));
    }

    @Test void otherMessagesIgnoreTheMark() {
        TestClient c = client();
        c.send(set("/g", 1));
        c.take();
        c.send(Frame.retryable(new GetMessage("/g"), QoS.FIRE, 1));
        c.send(Frame.retryable(new GetMessage("/g"), QoS.FIRE, 1));
        assertThat(c.take()).hasSize(2).allMatch(m -> m instanceof SnapshotMessage);
    }
}
