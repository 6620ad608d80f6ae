package clasp.router.internal.timeline;

import java.util.List;

/**
 * A validated timeline definition: keyframes with strictly increasing times from 0 on (at least one), all values
 * of one shape; {@code start} in server µs, or null for "on receipt"; {@code rate} in Hz.
 */
public record Timeline(List<Keyframe> keyframes, boolean loop, Long start, double rate) {
    public Timeline {
        keyframes = List.copyOf(keyframes);
    }

    /** The time of the last keyframe: where a non-looping timeline ends, and the length of one loop. */
    public long duration() { return keyframes.get(keyframes.size() - 1).time(); }

    /** The last keyframe, whose value a non-looping timeline's last SET carries exactly. */
    public Keyframe last() { return keyframes.get(keyframes.size() - 1); }
}
