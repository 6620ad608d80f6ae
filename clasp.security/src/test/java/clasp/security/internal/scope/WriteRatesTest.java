package clasp.security.internal.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteRatesTest {
    private final AtomicLong millis = new AtomicLong();

    @Test
    void allowsTheLimitPerWindowThenRefusesUntilTheNextSecond() {
        WriteRates rates = new WriteRates(millis::get, 100);
        assertThat(rates.tryWrite("p", "/a", 2)).isTrue();
        assertThat(rates.tryWrite("p", "/a", 2)).isTrue();
        assertThat(rates.tryWrite("p", "/a", 2)).isFalse();
        assertThat(rates.tryWrite("p", "/a", 2)).isFalse();
        millis.set(999);
        assertThat(rates.tryWrite("p", "/a", 2)).isFalse();
        millis.set(1000);
        assertThat(rates.tryWrite("p", "/a", 2)).isTrue();
        assertThat(rates.tryWrite("p", "/a", 3)).isTrue();
        assertThat(rates.tryWrite("p", "/a", 3)).isTrue();
        assertThat(rates.tryWrite("p", "/a", 3)).isFalse();
    }

    @Test
    void pairsAreCountedApart() {
        WriteRates rates = new WriteRates(millis::get, 100);
        assertThat(rates.tryWrite("p", "/a", 1)).isTrue();
        assertThat(rates.tryWrite("p", "/b", 1)).isTrue();
        assertThat(rates.tryWrite("q", "/a", 1)).isTrue();
        assertThat(rates.tryWrite("p", "/a", 1)).isFalse();
        assertThat(rates.size()).isEqualTo(3);
    }

    @Test
    void memoryIsBoundedAndPastWindowsGoFirst() {
        WriteRates rates = new WriteRates(millis::get, 1_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(rates.tryWrite("p", "/old/" + i, 1)).isTrue();
            assertThat(rates.size()).isLessThanOrEqualTo(1_000);
        }
        millis.set(1_000);
        assertThat(rates.tryWrite("p", "/kept", 1)).isTrue();
        for (int i = 0; i < 998; i++) rates.tryWrite("p", "/new/" + i, 1);
        assertThat(rates.size()).isLessThanOrEqualTo(1_000);
        // every entry of the past window went at the first sweep, the current ones stayed
        assertThat(rates.tryWrite("p", "/kept", 1)).isFalse();
        assertThat(rates.tryWrite("p", "/new/997", 1)).isFalse();
    }

    @Test
    void whenEveryEntryIsCurrentAnEighthMakesRoom() {
        WriteRates rates = new WriteRates(millis::get, 800);
        for (int i = 0; i < 800; i++) rates.tryWrite("p", "/a/" + i, 1);
        assertThat(rates.size()).isEqualTo(800);
        rates.tryWrite("p", "/one/more", 1);
        assertThat(rates.size()).isEqualTo(701);
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new WriteRates(millis::get, 0)).hasMessage("capacity must be positive: 0");
    }

    @Test
    void threadsRacingOnOnePairNeverExceedTheLimit() throws Exception {
        WriteRates rates = new WriteRates(millis::get, 100);
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 10_000; i++) if (rates.tryWrite("p", "/a", 500)) allowed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.incrementAndGet();
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> done.get() == 4);
        assertThat(allowed.get()).isEqualTo(500);
        for (Thread thread : threads) thread.join();
    }
}
