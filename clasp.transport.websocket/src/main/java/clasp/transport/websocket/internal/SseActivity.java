package clasp.transport.websocket.internal;

import clasp.transport.netty.InboundActivity;

/**
 * An SSE client's activity as the router's idle timeout sees it (D4): after its request a client sends nothing,
 * so it counts as active each time it is found taking what is sent to it ({@link SseSweep}). Not in the pipeline.
 */
final class SseActivity extends InboundActivity {
    /** The client is reading: active now. */
    void reading() {
        touch();
    }
}
