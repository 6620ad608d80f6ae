package clasp.itest.bridge.v2;

import clasp.api.bridge.Bridge;
import clasp.api.bridge.ClaspBridge;
import clasp.itest.bridge.EchoBridge;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/** Build 2 of the echo bridge: writes every {@code /it/fader} value to {@code /it/echo/v2}, a marker of the new code. */
@Component(service = Bridge.class, configurationPid = EchoBridge.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@ClaspBridge(protocol = EchoBridge.PROTOCOL)
public class EchoBridgeV2 extends EchoBridge {
    public static final String ECHO = "/it/echo/v2";

    @Override
    protected String echoAddress() {
        return ECHO;
    }
}
