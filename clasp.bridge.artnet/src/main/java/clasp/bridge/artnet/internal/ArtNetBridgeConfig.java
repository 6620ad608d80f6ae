package clasp.bridge.artnet.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of one Art-Net bridge instance (factory PID {@value ArtNetBridge#PID}). */
@ObjectClassDefinition(
        name = "CLASP Art-Net bridge",
        description = "Links the router to Art-Net 4 nodes and consoles. Out: SETs of <namespace>/<universe>/<slot> "
                + "(universe = 15-bit Port-Address 0-32767, slot 1-512; also <namespace>/<net>/<subnet>/<universe>/<slot>) "
                + "become ArtDmx, sent on change at most 44 times a second per universe and repeated as a keep-alive, "
                + "to the configured and discovered nodes. In: ArtDmx from any source, merged HTP or LTP, become SETs "
                + "of the slots that changed. A change re-creates the instance.")
public @interface ArtNetBridgeConfig {

    @AttributeDefinition(name = "clasp.bridge.id", description = "The instance id, unique among bridges; it also names the "
            + "bridge's thread (clasp-bridge-artnet-<id>-io). Default: the configuration's name.")
    String clasp_bridge_id() default "";

    @AttributeDefinition(description = "Local address the UDP socket binds to; 0.0.0.0: every interface. The socket "
            + "uses SO_REUSEADDR, so another Art-Net program on this host (OLA) can keep 0.0.0.0:6454 when the bridge "
            + "binds a specific address such as 127.0.0.2 or the host's own address.")
    String bindAddress() default "0.0.0.0";

    @AttributeDefinition(description = "Local UDP port; Art-Net uses 6454. 0: any free port (shown in the status).",
            min = "0", max = "65535")
    int port() default ArtNet.PORT;

    @AttributeDefinition(description = "The CLASP address prefix of the slots: <namespace>/<universe>/<slot>.")
    String namespace() default "/artnet";

    @AttributeDefinition(description = "Nodes that receive every universe the bridge sends, each host or host:port "
            + "(port 6454 when left out), e.g. 10.0.0.20. In node mode they also get the bridge's ArtPollReply every "
            + "pollIntervalSeconds, so that a controller such as OLA sends its universes to the bridge.")
    String[] nodes() default {};

    @AttributeDefinition(description = "A broadcast address (host or host:port, e.g. 2.255.255.255 or 192.168.1.255) "
            + "that receives every universe the bridge sends, its ArtPolls and, in node mode, its ArtPollReplies. "
            + "Empty: no broadcast (unicast only, as Art-Net 4 recommends).")
    String broadcast() default "";

    @AttributeDefinition(description = "Send an ArtPoll every pollIntervalSeconds to the broadcast address and the "
            + "configured nodes; a node that answers gets the universes its ArtPollReply lists as outputs, until it "
            + "has been silent for nodeTimeoutSeconds.")
    boolean discoverNodes() default true;

    @AttributeDefinition(description = "Seconds between ArtPolls (discoverNodes) and between ArtPollReply announcements "
            + "(node mode).", min = "1")
    int pollIntervalSeconds() default 3;

    @AttributeDefinition(description = "Seconds after its last ArtPollReply that a discovered node is forgotten; more "
            + "than pollIntervalSeconds.", min = "2")
    int nodeTimeoutSeconds() default 10;

    @AttributeDefinition(description = "The universes the bridge sends, as numbers and ranges (0-15). Each is sent from "
            + "the start, with the slots' current values. Empty: every universe a slot of which is written.")
    String[] outputUniverses() default {};

    @AttributeDefinition(description = "The universes the bridge takes from Art-Net as SETs, as numbers and ranges "
            + "(0-15). Empty: every universe it receives.")
    String[] inputUniverses() default {};

    @AttributeDefinition(description = "Milliseconds after which an unchanged universe is sent again, so that receivers "
            + "keep it (Art-Net asks for at most 4 s; 800-1000 ms is usual).", min = "25", max = "4000")
    int keepAliveMillis() default 1000;

    @AttributeDefinition(description = "Send an ArtSync after each batch of ArtDmx, so that receivers in synchronous "
            + "mode output the universes of a batch together.")
    boolean artSync() default false;

    @AttributeDefinition(description = "How the frames of several sources (IP addresses) sending one universe merge: "
            + "htp, each slot's highest value; ltp, each slot's latest change.", options = {
                    @Option(label = "htp", value = "htp"),
                    @Option(label = "ltp", value = "ltp")})
    String merge() default "htp";

    @AttributeDefinition(description = "Seconds after its last ArtDmx that a source leaves the merge (Art-Net: 10).",
            min = "1")
    int sourceTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Inbound slot values as Floats 0.0-1.0 (v/255) instead of Ints 0-255. Outbound, "
            + "an Int is always 0-255 and a Float always 0.0-1.0.")
    boolean normalize() default false;

    @AttributeDefinition(description = "Slot value = round(CLASP value x scale + offset), clamped to 0-255, and back "
            + "(value = (slot - offset) / scale, a Float). 255 lets a fader at 0.0-1.0 drive a slot; -255 with offset "
            + "255 inverts it. Scale 1 with offset 0: the mapping described at normalize.")
    double scale() default 1;

    @AttributeDefinition(description = "See scale.")
    double offset() default 0;

    @AttributeDefinition(description = "Node mode: answer ArtPoll with ArtPollReply listing the input universes as "
            + "output ports and the output universes as input ports (4 ports per reply, one reply per Net and "
            + "Sub-Net), and announce them to the configured nodes and the broadcast address every "
            + "pollIntervalSeconds. An empty universe list announces the universes received or sent so far.")
    boolean node() default false;

    @AttributeDefinition(description = "The node's short name in its ArtPollReply (at most 17 characters).")
    String shortName() default "CLASP";

    @AttributeDefinition(description = "The node's long name in its ArtPollReply (at most 63 characters). Empty: "
            + "CLASP Art-Net bridge <id>.")
    String longName() default "";

    @AttributeDefinition(name = "clasp.bridge.scopes", description = "Scopes the bridge's session is granted, e.g. "
            + "write:/artnet/**, read:/artnet/**; empty: all (admin:/**). The router's authoriser decides every write "
            + "and subscribe of the bridge with them.")
    String[] clasp_bridge_scopes() default {};
}
