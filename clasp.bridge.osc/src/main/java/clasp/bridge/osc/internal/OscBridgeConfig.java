package clasp.bridge.osc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of one OSC bridge instance (factory PID {@value OscBridge#PID}). */
@ObjectClassDefinition(
        name = "CLASP OSC bridge",
        description = "Links the router to OSC peers over UDP: OSC messages received on the local port become SETs "
                + "(or PUBLISH events) under the namespace, OSC bundles are applied atomically at their timetag on the "
                + "router clock, and SETs and PUBLISHes matching the outbound patterns are sent to the peers. A change "
                + "re-creates the instance.")
public @interface OscBridgeConfig {

    @AttributeDefinition(name = "clasp.bridge.id", description = "The instance id, unique among bridges; it also names the "
            + "bridge's thread (clasp-bridge-osc-<id>-io). Default: the configuration's name.")
    String clasp_bridge_id() default "";

    @AttributeDefinition(description = "udp: one OSC packet per datagram. tcp (OSC 1.1): the bridge listens for peers "
            + "on the port and connects to each configured peer (reconnecting while it is away); packets go out "
            + "SLIP-framed; inbound, each connection's first byte chooses SLIP (C0) or a 4-byte size prefix (OSC 1.0).",
            options = {
                    @Option(label = "udp", value = "udp"),
                    @Option(label = "tcp", value = "tcp")})
    String transport() default "udp";

    @AttributeDefinition(description = "Local address the UDP socket binds to; 0.0.0.0: every interface.")
    String bindAddress() default "0.0.0.0";

    @AttributeDefinition(description = "Local port (UDP, or TCP with transport tcp) OSC peers send to; 0: any free port (shown in the status).",
            min = "0", max = "65535")
    int port() default 9000;

    @AttributeDefinition(description = "Peers that receive CLASP -> OSC messages, each host:port (e.g. 192.168.1.20:53000 "
            + "for QLab, 127.0.0.1:7000). Empty: only reply-to-sender peers, if enabled.")
    String[] peers() default {};

    @AttributeDefinition(description = "Also send CLASP -> OSC messages to every address that sent the bridge an OSC "
            + "packet in the last senderTimeoutSeconds (at most maxSenders of them).")
    boolean replyToSender() default false;

    @AttributeDefinition(description = "Seconds a sender stays a reply-to-sender peer after its last packet.", min = "1")
    int senderTimeoutSeconds() default 60;

    @AttributeDefinition(description = "Reply-to-sender peers remembered at most; past it the longest silent one is forgotten.",
            min = "1")
    int maxSenders() default 64;

    @AttributeDefinition(description = "The CLASP address prefix of this bridge's OSC addresses, both ways: /synth/cutoff "
            + "arrives as <namespace>/synth/cutoff, and <namespace>/fader/1 goes out as /fader/1. Empty: none.")
    String namespace() default "/osc";

    @AttributeDefinition(description = "CLASP patterns whose SETs and PUBLISHes go out to the peers (addresses outside the "
            + "namespace are not sent). Empty: <namespace>/**.")
    String[] outboundPatterns() default {};

    @AttributeDefinition(description = "OSC address patterns whose messages become PUBLISH events instead of SETs (for "
            + "triggers such as /cue/go, which should not be kept as params): * matches one address segment, ** any "
            + "number of them (e.g. /cue/*, /trigger/**).")
    String[] eventAddresses() default {};

    @AttributeDefinition(description = "Outbound width of CLASP Floats: f (float32, what most OSC applications read) or d "
            + "(float64).", options = {
                    @Option(label = "f (float32)", value = "f"),
                    @Option(label = "d (float64)", value = "d")})
    String floatWidth() default "f";

    @AttributeDefinition(description = "Outbound CLASP Null: none (a message without arguments) or N (one nil argument).",
            options = {
                    @Option(label = "none", value = "none"),
                    @Option(label = "N", value = "N")})
    String nullAs() default "none";

    @AttributeDefinition(description = "Largest OSC packet accepted, in bytes; a larger one is counted as malformed.",
            min = "8", max = "65507")
    int maxPacketBytes() default 65_507;

    @AttributeDefinition(description = "Most arguments in one OSC message (counting those inside arrays).", min = "0")
    int maxArguments() default 1_024;

    @AttributeDefinition(description = "Most OSC bundles nested in each other.", min = "0")
    int maxBundleDepth() default 8;

    @AttributeDefinition(description = "Most OSC arrays nested in each other.", min = "0")
    int maxArrayDepth() default 8;

    @AttributeDefinition(name = "clasp.bridge.scopes", description = "Scopes the bridge's session is granted, e.g. "
            + "write:/osc/**, read:/osc/**; empty: all (admin:/**). The router's authoriser decides every write "
            + "and subscribe of the bridge with them.")
    String[] clasp_bridge_scopes() default {};
}
