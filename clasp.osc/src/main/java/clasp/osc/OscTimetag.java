package clasp.osc;

/**
 * An OSC timetag: NTP time, 32 bits of seconds since 1900-01-01 and 32 bits of fraction (era 0, up to 2036-02-07).
 * The value 1 means "immediately" (OSC 1.0). Conversions to and from Unix microseconds follow bridges.md §1.5.
 *
 * @param bits the 64 bits as on the wire
 */
public record OscTimetag(long bits) {
    /** "Immediately": 0x0000000000000001. */
    public static final OscTimetag IMMEDIATELY = new OscTimetag(1L);

    /** Seconds from 1900-01-01 (NTP) to 1970-01-01 (Unix). */
    public static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

    private static final long MICROS_PER_SECOND = 1_000_000L;

    /** The timetag of {@code unixMicros}, rounded so that {@link #toUnixMicros()} gives it back exactly. */
    public static OscTimetag ofUnixMicros(long unixMicros) {
        long seconds = Math.floorDiv(unixMicros, MICROS_PER_SECOND) + NTP_UNIX_OFFSET_SECONDS;
        long micros = Math.floorMod(unixMicros, MICROS_PER_SECOND);
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("outside the NTP era of OSC timetags (1900-2036): " + unixMicros + " µs");
        }
        long fraction = ((micros << 32) + MICROS_PER_SECOND - 1) / MICROS_PER_SECOND; // ceiling: exact on the way back
        return new OscTimetag(seconds << 32 | fraction);
    }

    public boolean isImmediately() {
        return bits == IMMEDIATELY.bits;
    }

    /** The whole seconds since 1900-01-01. */
    public long seconds() {
        return bits >>> 32;
    }

    /** The fraction of a second in units of 2^-32 s. */
    public long fraction() {
        return bits & 0xFFFF_FFFFL;
    }

    /** Microseconds since 1970-01-01: {@code (seconds - 2,208,988,800) * 10^6 + fraction * 10^6 / 2^32} (rounded down). */
    public long toUnixMicros() {
        return (seconds() - NTP_UNIX_OFFSET_SECONDS) * MICROS_PER_SECOND + (fraction() * MICROS_PER_SECOND >>> 32);
    }

    @Override public String toString() {
        return isImmediately() ? "immediately" : String.format("%08x.%08x", seconds(), fraction());
    }
}
