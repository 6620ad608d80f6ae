package clasp.itest.bridge.v1;

import clasp.api.bridge.Bridge;
import clasp.api.bridge.ClaspBridge;
import clasp.itest.bridge.EchoBridge;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/** Build 1 of the echo bridge: writes every {@code /it/fader} value to {@code /it/echo}. */
@Component(service = Bridge.class, configurationPid = EchoBridge.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@ClaspBridge(protocol = EchoBridge.PROTOCOL)
public class EchoBridgeV1 extends EchoBridge {
    public static final String ECHO = "/it/echo";

    @Override
    protected String echoAddress() {
        return ECHO;
    }
}
