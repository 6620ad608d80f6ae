package clasp.store.mvstore.internal;

import static clasp.store.mvstore.internal.Stores.crashCopy;
import static clasp.store.mvstore.internal.Stores.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.store.ParamRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableSyncTest {
    @TempDir Path dir;

    /**
     * Writers each write, sync and copy the files as a crash would leave them, while the store commits every few
     * milliseconds (so the write-ahead log rotates under them): every copy, reopened, has the synced write.
     */
    @Test
    void eachSyncReturnsOnlyOnceItsWriteSurvivesACrash() throws Exception {
        Path file = dir.resolve("live").resolve(StoreSettings.FILE_NAME);
        int writers = 8;
        int rounds = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (MvParamStore store = MvParamStore.open(StoreSettings.defaults(file).withCommitInterval(5).withDurable(true))) {
            assertThat(store.durable()).isTrue();
            assertThat(store.describe()).endsWith(", committed every 5 ms, durable commits through a write-ahead log");
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String address = "/writer/" + w;
                int writer = w;
                done.add(pool.submit(() -> {
                    go.await();
                    ParamRecord previous = null;
                    for (int r = 1; r <= rounds; r++) {
                        ParamRecord next = record(address, r, r, "s-" + address);
                        assertThat(store.compareAndSet(previous, next)).isTrue();
                        store.sync();
                        Path copy = crashCopy(store, dir.resolve("copy-" + writer + "-" + r));
                        try (MvParamStore reopened = MvParamStore.open(Stores.neverOnItsOwn(copy))) {
                            assertThat(reopened.get(address)).isEqualTo(next);
                        }
                        previous = next;
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
            assertThat(store.status().commits()).isPositive();   // the log rotated under the writers
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSyncWithNothingWrittenReturnsAtOnceAndAClosedStoreRefusesIt() {
        MvParamStore store = MvParamStore.open(Stores.neverOnItsOwn(dir.resolve(StoreSettings.FILE_NAME)).withDurable(true));
        store.sync();
        assertThat(store.status().commits()).isZero();
        store.close();
        assertThatThrownBy(store::sync).isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    }
}
