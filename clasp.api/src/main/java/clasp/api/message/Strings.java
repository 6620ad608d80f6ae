package clasp.api.message;

/** Normalisation shared by the message records. */
final class Strings {
    private Strings() {}

    /** The wire cannot tell an empty optional string from an absent one: both are absent. */
    static String emptyToNull(String s) { return s == null || s.isEmpty() ? null : s; }
}
