package clasp.client;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.router.LocalSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GET replies carry no request id: each is matched by its address. A thousand concurrent GETs from several threads,
 * over many rounds with changing values, each get exactly their own address's value.
 */
class ConcurrentGetTest {
    private static final int PARAMS = 1_000;
    private static final int ROUNDS = 5;
    private static final int THREADS = 8;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)   // watchdog only
    void aThousandConcurrentGetsEachGetTheirOwnAddressesValue() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (TestRouter router = TestRouter.start();
             LocalSession writer = router.router().openSession("writer", false);
             ClaspClient c = ClaspClient.builder(router.ws()).name("getter").requestTimeout(Duration.ofSeconds(60)).build()) {
            c.connect(Duration.ofSeconds(30));
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < PARAMS; i++) writer.set("/g/" + i, Value.of((long) round * PARAMS + i));
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < PARAMS; i++) order.add(i);
                Collections.shuffle(order);
                List<CompletableFuture<Value>> replies = new ArrayList<>(Collections.nCopies(PARAMS, null));
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<Void>> issued = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int slice = t;
                    issued.add(CompletableFuture.runAsync(() -> {
                        awaitQuietly(go);
                        for (int k = slice; k < PARAMS; k += THREADS) {
                            int i = order.get(k);
                            replies.set(i, c.get("/g/" + i));
                        }
                    }, pool));
                }
                go.countDown();
                CompletableFuture.allOf(issued.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                for (int i = 0; i < PARAMS; i++) {
                    assertThat(replies.get(i).get(60, TimeUnit.SECONDS)).as("GET /g/" + i + " in round " + round)
                            .isEqualTo(Value.of((long) round * PARAMS + i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void concurrentGetsOfOneAddressAllGetItsValue() throws Exception {
        try (TestRouter router = TestRouter.start();
             ClaspClient c = ClaspClient.builder(router.ws()).name("same").requestTimeout(Duration.ofSeconds(60)).build()) {
            c.connect(Duration.ofSeconds(30));
            c.set("/one", Value.of("v")).get(30, TimeUnit.SECONDS);
            List<CompletableFuture<Value>> replies = new ArrayList<>();
            for (int i = 0; i < 500; i++) replies.add(c.get("/one"));
            for (CompletableFuture<Value> r : replies) assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(Value.of("v"));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
