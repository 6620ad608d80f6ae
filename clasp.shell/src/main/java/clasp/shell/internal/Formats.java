package clasp.shell.internal;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small text renderings shared by the tables: durations, wall-clock times, watched messages. */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Formats() { }

    /** A duration in the two largest units: "42s", "5m 03s", "2h 05m", "3d 04h". */
    public static String duration(long micros) {
        long s = Math.max(0, micros / 1_000_000);
        if (s < 60) return s + "s";
        long m = s / 60;
        if (m < 60) return String.format(Locale.ROOT, "%dm %02ds", m, s % 60);
        long h = m / 60;
        if (h < 24) return String.format(Locale.ROOT, "%dh %02dm", h, m % 60);
        return String.format(Locale.ROOT, "%dd %02dh", h / 24, h % 24);
    }

    /** A moment (µs since the epoch) as "HH:mm:ss" when it is today, else "yyyy-MM-dd HH:mm"; 0 is "-". */
    public static String since(long micros, long nowMicros, ZoneId zone) {
        if (micros <= 0) return "-";
        ZonedDateTime at = instant(micros).atZone(zone);
        LocalDate today = instant(nowMicros).atZone(zone).toLocalDate();
        return at.toLocalDate().equals(today) ? TIME.format(at) : DAY_TIME.format(at);
    }

    /** A moment (µs since the epoch) as "HH:mm:ss.SSS". */
    public static String time(long micros, ZoneId zone) {
        return MILLIS.format(instant(micros).atZone(zone));
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }

    /** Microseconds since the epoch of {@code instant}. */
    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    /**
     * One line for a watched message: time of arrival, address, signal, value. A SET shows as signal "param";
     * a gesture adds its phase and id; a stream of samples shows them as an array.
     */
    public static String watchLine(long arrivedMicros, Message message, ZoneId zone) {
        String time = time(arrivedMicros, zone);
        if (message instanceof SetMessage set) {
            return time + "  " + set.address() + "  param  " + ValueSyntax.format(set.value());
        }
        if (message instanceof PublishMessage p) {
            StringBuilder signal = new StringBuilder(p.signal().name().toLowerCase(Locale.ROOT));
            if (p.signal() == SignalType.GESTURE) {
                signal.append(' ').append(phase(p.phase()));
                if (p.id() != null) signal.append(" #").append(p.id());
            }
            String value;
            if (p.value() != null) {
                value = ValueSyntax.format(p.value());
            } else if (p.samples() != null) {
                StringBuilder s = new StringBuilder("[");
                for (int i = 0; i < p.sampleCount(); i++) {
                    if (i > 0) s.append(',');
                    s.append(p.sample(i));
                }
                value = s.append(']').toString();
            } else {
                value = "-";
            }
            return time + "  " + p.address() + "  " + signal + "  " + value;
        }
        return time + "  " + message.type().name().toLowerCase(Locale.ROOT);
    }

    private static String phase(GesturePhase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }
}
