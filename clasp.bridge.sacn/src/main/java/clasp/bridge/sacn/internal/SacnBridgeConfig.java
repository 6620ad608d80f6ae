package clasp.bridge.sacn.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of one sACN bridge instance (factory PID {@value SacnBridge#PID}). */
@ObjectClassDefinition(
        name = "CLASP sACN (E1.31) bridge",
        description = "Links the router to sACN (ANSI E1.31) lighting networks. Output universes: SETs of "
                + "<namespace>/<universe>/<slot> (slot 1-512) are sent as E1.31 data, by multicast and/or unicast, at "
                + "most 44 times a second per universe and again every second while unchanged. Input universes: the "
                + "E1.31 sources heard are merged (highest priority, then HTP or LTP) and every slot that changes is "
                + "written as a SET of <namespace>/<universe>/<slot>, with <namespace>/<universe>/_source and _active. "
                + "A change re-creates the instance; universes it keeps go on without a gap, universes it drops (or all "
                + "of them, when the configuration is deleted) are ended with the E1.31 terminated bit.")
public @interface SacnBridgeConfig {

    @AttributeDefinition(name = "clasp.bridge.id", description = "The instance id, unique among bridges; it also names the "
            + "bridge's thread (clasp-bridge-sacn-<id>-io) and, without a cid, makes the source's CID. Default: the "
            + "configuration's name.")
    String clasp_bridge_id() default "";

    @AttributeDefinition(description = "The CLASP address prefix of the universes, both ways: slot 7 of universe 1 is "
            + "<namespace>/1/7.")
    String namespace() default "/sacn";

    @AttributeDefinition(description = "Universes sent to the network (CLASP -> sACN): numbers 1-63999 or ranges, e.g. "
            + "1, 3-5. A universe goes out from its first value on (values already in the router count). At most 512.")
    String[] outputUniverses() default {};

    @AttributeDefinition(description = "Universes received from the network (sACN -> CLASP): numbers 1-63999 or "
            + "ranges. The bridge joins each one's multicast group on the multicast interface and also takes unicast "
            + "on its port. At most 512 (the kernel may allow fewer multicast groups per socket: "
            + "net.ipv4.igmp_max_memberships).")
    String[] inputUniverses() default {};

    @AttributeDefinition(description = "The source name receivers show for this bridge (UTF-8, cut to 63 bytes).")
    String sourceName() default "CLASP sACN Bridge";

    @AttributeDefinition(description = "Priority of the output universes, 0-200: receivers take the highest "
            + "priority source of a universe and merge only sources of that priority.", min = "0", max = "200")
    int priority() default 100;

    @AttributeDefinition(description = "The source's CID (a UUID such as 3f1c…-…). Empty: one made from the instance "
            + "id, the same every time, so that a re-created instance is the same source to receivers.")
    String cid() default "";

    @AttributeDefinition(description = "Send output universes to their multicast groups (239.255.<U/256>.<U%256>).")
    boolean multicast() default true;

    @AttributeDefinition(description = "Also send every output universe to these receivers: host or host:port (the "
            + "port defaults to the bridge's port), e.g. 10.0.0.7, 10.0.0.8:5568; IPv4 only.")
    String[] unicastDestinations() default {};

    @AttributeDefinition(description = "The network interface multicast goes out of and input groups are joined on: "
            + "a name (eth0) or one of its addresses. Empty: the first non-loopback interface that is up and has an "
            + "IPv4 address (loopback if there is none).")
    String multicastInterface() default "";

    @AttributeDefinition(description = "Local address the socket binds to when the bridge receives; 0.0.0.0: every "
            + "interface.")
    String bindAddress() default "0.0.0.0";

    @AttributeDefinition(description = "The E1.31 UDP port: where the bridge listens when it has input universes or "
            + "discovery, where it sends multicast, and the default port of unicast destinations. An instance that "
            + "only sends binds any free port instead, so it never takes unicast meant for another receiver on this "
            + "host.", min = "1", max = "65535")
    int port() default E131.PORT;

    @AttributeDefinition(description = "Synchronization universe, 1-63999: output packets name it, and a "
            + "synchronization packet goes to it after every batch, so receivers apply universes together. 0: none.",
            min = "0", max = "63999")
    int syncUniverse() default 0;

    @AttributeDefinition(description = "How sources of equal priority merge on an input universe: htp (each slot's "
            + "highest value) or ltp (each slot's latest change).", options = {
                    @Option(label = "htp", value = "htp"),
                    @Option(label = "ltp", value = "ltp")})
    String merge() default "htp";

    @AttributeDefinition(description = "Take input packets marked as preview data (meant for visualisers, not live "
            + "output); by default they are dropped.")
    boolean acceptPreview() default false;

    @AttributeDefinition(description = "Universe discovery: send the output universes to the discovery universe "
            + "(64214) every 10 s, and listen for other sources' lists (shown in the status).")
    boolean discovery() default false;

    @AttributeDefinition(description = "Input slot values as Floats 0.0-1.0 instead of Ints 0-255 (with scale 1 and "
            + "offset 0).")
    boolean normalize() default false;

    @AttributeDefinition(description = "Mapping without code: slot = round(value x scale + offset), clamped to "
            + "0-255, and back value = (slot - offset) / scale as a Float. Scale 1 with offset 0: Ints 0-255 and "
            + "Floats 0.0-1.0 out, Ints in (or Floats with normalize); 255: a fader at 0.0-1.0 drives 0-255.")
    double scale() default 1;

    @AttributeDefinition(description = "See scale: added after scaling (e.g. scale -255 with offset 255 inverts).")
    double offset() default 0;

    @AttributeDefinition(name = "clasp.bridge.scopes", description = "Scopes the bridge's session is granted, e.g. "
            + "write:/sacn/**, read:/sacn/**; empty: all (admin:/**). The router's authoriser decides every write, "
            + "read and subscribe of the bridge with them.")
    String[] clasp_bridge_scopes() default {};
}
