package clasp.router.internal.timeline;

import clasp.api.Value;

/**
 * One keyframe: at {@code time} µs after the start the curve passes through {@code value} (a number, or an array of
 * numbers), and the segment to the next keyframe follows {@code easing}.
 */
public record Keyframe(long time, Value value, Easing easing) { }
