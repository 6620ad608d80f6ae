package clasp.api.message;

/** A SET time-to-live: {@code seconds} (0 = never expires, at most 2^31-1), absolute or sliding. */
public record Ttl(long seconds, boolean absolute) {
    public Ttl {
        if (seconds < 0 || seconds > 0x7fff_ffffL) throw new IllegalArgumentException("ttl seconds out of range: " + seconds);
    }
}
