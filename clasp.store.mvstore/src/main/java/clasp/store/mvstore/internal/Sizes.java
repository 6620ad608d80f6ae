package clasp.store.mvstore.internal;

/** Sizes and durations as an admin reads them: "38 KiB", "64 MiB", "1 h". */
final class Sizes {
    private Sizes() { }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return round(n / 1024.0) + " KiB";
        if (n < 1024L * 1024 * 1024) return round(n / (1024.0 * 1024)) + " MiB";
        return round(n / (1024.0 * 1024 * 1024)) + " GiB";
    }

    static String seconds(long s) {
        if (s % 3600 == 0) return s / 3600 + " h";
        if (s % 60 == 0) return s / 60 + " min";
        return s + " s";
    }

    private static String round(double v) {
        return v >= 10 || v == Math.floor(v) ? Long.toString(Math.round(v)) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
