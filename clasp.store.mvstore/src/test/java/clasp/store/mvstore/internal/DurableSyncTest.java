package clasp.store.mvstore.internal;

import static clasp.store.mvstore.internal.Stores.paramsIn;
import static clasp.store.mvstore.internal.Stores.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.store.ParamRecord;
import java.nio.file.Files;
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

    @Test
    void eachSyncReturnsOnlyOnceItsWriteIsInTheFile() throws Exception {
        Path file = dir.resolve(StoreSettings.FILE_NAME);
        int writers = 8;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (MvParamStore store = MvParamStore.open(Stores.neverOnItsOwn(file).withDurable(true))) {
            assertThat(store.durable()).isTrue();
            assertThat(store.describe()).endsWith(", committed every 600000 ms, durable commits");
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String address = "/writer/" + w;
                done.add(pool.submit(() -> {
                    go.await();
                    ParamRecord previous = null;
                    for (int r = 1; r <= rounds; r++) {
                        ParamRecord next = record(address, r, r, "s-" + address);
                        assertThat(store.compareAndSet(previous, next)).isTrue();
                        store.sync();
                        Path copy = dir.resolve("copy-" + address.substring(8) + "-" + r + ".mv.db");
                        Files.copy(file, copy);   // what a crash right after the ACK would leave
                        assertThat(paramsIn(copy)).filteredOn(p -> p.address().equals(address)).containsExactly(next);
                        Files.delete(copy);
                        previous = next;
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
            // concurrent callers share commits: never more commits than syncs
            assertThat(store.status().commits()).isBetween(1L, (long) writers * rounds);
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
