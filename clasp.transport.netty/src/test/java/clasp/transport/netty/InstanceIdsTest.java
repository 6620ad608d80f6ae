package clasp.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceIdsTest {
    @Test
    void theIdIsTheConfiguredOneElseTheFactoryConfigurationsName() {
        assertThat(InstanceIds.of(Map.of("service.pid", "clasp.transport.tcp~main"))).isEqualTo("main");
        assertThat(InstanceIds.of(Map.of("clasp.transport.id", "foh", "service.pid", "x~main"))).isEqualTo("foh");
        assertThat(InstanceIds.of(Map.of("clasp.transport.id", " ", "service.pid", "x~stage"))).isEqualTo("stage");
        assertThat(InstanceIds.of(Map.of("service.pid", "clasp.transport.udp"))).isEqualTo("clasp.transport.udp");
        assertThat(InstanceIds.of(Map.of())).isEqualTo("default");
    }
}
