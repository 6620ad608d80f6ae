package clasp.itest;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Awaitility with failures that explain themselves: on timeout the AssertionError says what was awaited and the
 * last thing observed. It carries no cause, as Pax Exam reports only an exception's root cause.
 */
final class Eventually {
    private static final Duration POLL = Duration.ofMillis(50);

    private Eventually() {
    }

    /** Polls {@code observe} until {@code ok} holds and returns that observation. */
    static <T> T until(String what, Duration within, Callable<T> observe, Predicate<? super T> ok) {
        try {
            return await(what).atMost(within).pollDelay(Duration.ZERO).pollInterval(POLL).until(observe, ok::test);
        } catch (ConditionTimeoutException e) {
            String seen;
            try {
                seen = String.valueOf(observe.call());
            } catch (Exception failed) {
                seen = "(cannot observe: " + failed + ")";
            }
            throw new AssertionError(what + ": not so within " + within.toMillis() + " ms; last seen: " + seen);
        }
    }

    /** Polls {@code condition} until it holds. */
    static void until(String what, Duration within, Callable<Boolean> condition) {
        until(what, within, condition, Boolean.TRUE::equals);
    }
}
