package clasp.store.mvstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Commits that reach the disk later than the interval after their oldest write are counted. */
class LateCommitsTest {
    @Test
    void onlyCommitsOlderThanTheIntervalCount() {
        LateCommits late = new LateCommits(100);
        late.check(TimeUnit.MILLISECONDS.toNanos(100));   // exactly the interval: in time
        late.check(TimeUnit.MILLISECONDS.toNanos(40));
        assertThat(late.count()).isZero();
        late.check(TimeUnit.MILLISECONDS.toNanos(101));
        late.check(TimeUnit.MILLISECONDS.toNanos(350));   // logged or not (at most once per 10 s), always counted
        assertThat(late.count()).isEqualTo(2);
    }
}
