package clasp.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.util.promise.Promise;

class WhyNotRunningTest {
    private static final String FACTORY = "clasp.transport.websocket";
    private static final String PID = FACTORY + "~bad";

    /** SCR with one component taking {@link #FACTORY}, holding {@code configurations}. */
    private static ServiceComponentRuntime scr(boolean enabled, ComponentConfigurationDTO... configurations) {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = "clasp.transport.websocket.internal.WebSocketTransport";
        d.configurationPid = new String[] {FACTORY};
        ComponentDescriptionDTO other = new ComponentDescriptionDTO();
        other.name = "clasp.router";
        other.configurationPid = new String[] {"clasp.router"};
        return new ServiceComponentRuntime() {
            @Override public Collection<ComponentDescriptionDTO> getComponentDescriptionDTOs(Bundle... bundles) { return List.of(other, d); }
            @Override public ComponentDescriptionDTO getComponentDescriptionDTO(Bundle bundle, String name) { return null; }
            @Override public Collection<ComponentConfigurationDTO> getComponentConfigurationDTOs(ComponentDescriptionDTO description) {
                return description == d ? List.of(configurations) : List.of();
            }
            @Override public boolean isComponentEnabled(ComponentDescriptionDTO description) { return enabled; }
            @Override public Promise<Void> enableComponent(ComponentDescriptionDTO description) { return null; }
            @Override public Promise<Void> disableComponent(ComponentDescriptionDTO description) { return null; }
        };
    }

    private static ComponentConfigurationDTO configuration(String pid, int state) {
        ComponentConfigurationDTO c = new ComponentConfigurationDTO();
        c.properties = Map.of("service.pid", pid);
        c.state = state;
        return c;
    }

    @Test
    void aFailedActivationShowsTheInnermostMessage() {
        ComponentConfigurationDTO failed = configuration(PID, ComponentConfigurationDTO.FAILED_ACTIVATION);
        failed.failure = "org.osgi.service.component.ComponentException: java.lang.IllegalArgumentException: bad\n"
                + "\tat org.apache.felix.scr.impl.X.y(X.java:1)\n"
                + "Caused by: java.lang.IllegalArgumentException: clasp.transport.websocket: invalid configuration: "
                + "writeBufferLowWaterMark 100 is above writeBufferHighWaterMark 50\n"
                + "\tat clasp.transport.websocket.internal.ValidConfig.of(ValidConfig.java:31)\n";
        assertThat(WhyNotRunning.reason(scr(true, configuration(FACTORY + "~other", 8), failed), FACTORY, PID))
                .isEqualTo("activation failed: clasp.transport.websocket: invalid configuration: "
                        + "writeBufferLowWaterMark 100 is above writeBufferHighWaterMark 50");
    }

    @Test
    void failureTextsWithoutATraceAreShownAsTheyAre() {
        assertThat(WhyNotRunning.failure("java.lang.IllegalStateException: no port\n\tat a.b(C.java:1)")).isEqualTo("no port");
        assertThat(WhyNotRunning.failure("java.lang.NullPointerException\n\tat a.b(C.java:1)")).isEqualTo("NullPointerException");
        assertThat(WhyNotRunning.failure("port in use: 7330")).isEqualTo("port in use: 7330");
        assertThat(WhyNotRunning.failure(null)).isEqualTo("no reason recorded (see the log)");
    }

    @Test
    void anUnsatisfiedReferenceIsNamed() {
        ComponentConfigurationDTO waiting = configuration(PID, ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
        UnsatisfiedReferenceDTO clock = new UnsatisfiedReferenceDTO();
        clock.name = "clock";
        clock.target = "(kind=ptp)";
        waiting.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {clock};
        assertThat(WhyNotRunning.reason(scr(true, waiting), FACTORY, PID)).isEqualTo("waiting for clock (kind=ptp)");
    }

    @Test
    void noComponentOrADisabledOneSaysSo() {
        assertThat(WhyNotRunning.reason(scr(true), "clasp.bridge.mqtt", "clasp.bridge.mqtt~studio"))
                .isEqualTo("no component takes factory PID clasp.bridge.mqtt: is its bundle installed and started?");
        assertThat(WhyNotRunning.reason(scr(false), FACTORY, PID))
                .isEqualTo("component clasp.transport.websocket.internal.WebSocketTransport is disabled");
        assertThat(WhyNotRunning.reason(scr(true), FACTORY, PID)).isEqualTo("configured, but no component was created for it yet");
    }
}
