package clasp.api.message;

/** SUBSCRIBE options; each is absent when null. maxRate, history and window are u32 on the wire. */
public record SubscribeOptions(Long maxRate, Double epsilon, Long history, Long window) {
    public boolean isEmpty() { return maxRate == null && epsilon == null && history == null && window == null; }
}
