package ${package}.internal;

import clasp.api.SignalType;
import clasp.api.bridge.Bridge;
import clasp.api.bridge.BridgeContext;
import clasp.api.bridge.ClaspBridge;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.api.router.Subscription;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ${protocol} bridge: one instance per factory configuration {@code clasp.bridge.${protocol}} (a file
 * {@code etc/clasp.bridge.${protocol}-<name>.cfg}, or {@code clasp.bridge:create ${protocol} <name>} in the shell).
 * As generated it echoes every value a client writes to {@code <prefix>/<id>/in} to {@code <prefix>/<id>/out}:
 * replace that with the protocol you bridge to.
 *
 * <p>The router calls {@code open}, {@code close}, the subscription's listener and the tasks scheduled through
 * the context on this instance's strand: one at a time, in order, never concurrently, so the fields need no locks
 * (the calls may run on different router threads: keep nothing in thread-locals). {@code open}
 * must return quickly: connect to a peer from a task ({@code context.execute}), never in {@code open}.
 */
@Component(configurationPid = EchoBridge.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EchoBridgeConfig.class, factory = true)
@ClaspBridge(protocol = EchoBridge.PROTOCOL)
public class EchoBridge implements Bridge {
    static final String PROTOCOL = "${protocol}";
    static final String PID = "clasp.bridge." + PROTOCOL;
    private static final Logger LOG = LoggerFactory.getLogger(EchoBridge.class);

    private final String prefix;
    private final String correction;
    private BridgeContext context;
    private volatile Subscription in;   // close may run on another thread when the bridge's strand is stuck
    private String out;
    private long echoed;

    @Activate
    public EchoBridge(EchoBridgeConfig config) {
        this(config.prefix());
    }

    /** A bad prefix is replaced by the default and said so in the status, never thrown for. */
    EchoBridge(String prefix) {
        boolean valid = prefix.startsWith("/") && !prefix.endsWith("/") && !prefix.contains("//");
        this.prefix = valid ? prefix : "/" + PROTOCOL;
        this.correction = valid ? "" : " (prefix '" + prefix + "' is not an address prefix: /" + PROTOCOL + " used)";
    }

    @Override
    public void open(BridgeContext context) throws Exception {
        this.context = context;
        String base = prefix + "/" + context.id();
        out = base + "/out";
        in = context.session().subscribe(base + "/in", Set.of(SignalType.PARAM), this::echo);
        context.status(PluginState.ONLINE, "echoing " + base + "/in to " + out + correction);
        LOG.info("{} bridge {} echoes {}/in to {}{}", PROTOCOL, context.id(), base, out, correction);
    }

    private void echo(Message message) {
        if (!(message instanceof SetMessage set)) return;
        LocalSession session = context.session();
        try {
            session.set(out, set.value());
            echoed++;
        } catch (ClaspException refused) {
            // a lock or a limit: report it where admins look, and go on with the next value
            context.status(PluginState.ONLINE, "echoed " + echoed + "; last write refused: " + refused.getMessage());
        }
    }

    @Override
    public void close() {
        Subscription s = in;
        in = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException alreadyGone) {
                // the router closed the session first: nothing left to release
            }
        }
        LOG.info("{} bridge closed after {} values", PROTOCOL, echoed);
        context = null;
    }
}
