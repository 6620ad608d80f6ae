package clasp.router.internal.timeline;

/** The easing of a keyframe, applied to the segment that starts at it (router-semantics §7.4). */
public enum Easing {
    LINEAR("linear"),
    STEP("step"),
    EASE_IN("ease-in"),
    EASE_OUT("ease-out"),
    EASE_IN_OUT("ease-in-out");

    private final String wireName;

    Easing(String wireName) { this.wireName = wireName; }

    /** The name a definition spells it with. */
    public String wireName() { return wireName; }

    /** The easing named {@code name}, or null if none is. */
    public static Easing named(String name) {
        for (Easing e : values()) if (e.wireName.equals(name)) return e;
        return null;
    }

    /** The eased progress for local progress {@code t} ∈ [0, 1]. */
    public double apply(double t) {
        return switch (this) {
            case LINEAR -> t;
            case STEP -> t < 1 ? 0 : 1;
            case EASE_IN -> t * t;
            case EASE_OUT -> 1 - (1 - t) * (1 - t);
            case EASE_IN_OUT -> t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) * (-2 * t + 2) / 2;
        };
    }
}
