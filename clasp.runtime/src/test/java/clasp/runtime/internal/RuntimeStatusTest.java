package clasp.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class RuntimeStatusTest {

    @Test
    void allActiveCountsFragmentsThatAreResolved() {
        List<RuntimeStatus.Entry> bundles = List.of(
                new RuntimeStatus.Entry("clasp.api", Bundle.ACTIVE, false),
                new RuntimeStatus.Entry("io.netty.transport-native-epoll", Bundle.RESOLVED, true));

        assertThat(RuntimeStatus.allActive(bundles)).isTrue();
        assertThat(RuntimeStatus.line(bundles)).isEqualTo("CLASP runtime started: 2 bundles, all active");
    }

    @Test
    void namesEveryBundleThatIsNotActive() {
        List<RuntimeStatus.Entry> bundles = List.of(
                new RuntimeStatus.Entry("clasp.api", Bundle.ACTIVE, false),
                new RuntimeStatus.Entry("clasp.protocol", Bundle.RESOLVED, false),
                new RuntimeStatus.Entry("a.fragment", Bundle.INSTALLED, true));

        assertThat(RuntimeStatus.allActive(bundles)).isFalse();
        assertThat(RuntimeStatus.line(bundles)).isEqualTo(
                "CLASP runtime started: 3 bundles, 2 not active: clasp.protocol (RESOLVED), a.fragment (INSTALLED)");
    }
}
