package clasp.bridge.artnet.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ArtPollReply (OpCode 0x2100, 239 bytes): a node telling who it is and which universes its up to 4 ports take from
 * Art-Net (output ports) or put onto it (input ports). The fields read and written here, by offset: IP 10, Port 14
 * (little-endian), NetSwitch 18, SubSwitch 19, ShortName 26 (18 bytes), LongName 44 (64), NodeReport 108 (64),
 * NumPorts 172 (big-endian), PortTypes 174, GoodInput 178, GoodOutput 182, SwIn 186, SwOut 190 (4 each), Style 200,
 * BindIp 207, BindIndex 211, Status2 212, GoodOutputB 213. A port's universe is Net, Sub-Net and its SwIn or SwOut
 * nibble; so all ports of one reply share Net and Sub-Net, and a node with more sends one reply per group
 * (BindIndex 1, 2, …). A reply may be shorter than 239 bytes as long as it reaches SwOut (194 bytes; older nodes).
 */
record ArtPollReply(byte[] ip, int netSwitch, int subSwitch, String shortName, String longName, String nodeReport,
                    List<Port> ports, int style, int bindIndex) {
    static final int BYTES = 239;
    /** The shortest reply read: up to and including SwOut. */
    static final int MIN_BYTES = 194;
    static final int MAX_PORTS = 4;
    static final int SHORT_NAME_BYTES = 18;
    static final int LONG_NAME_BYTES = 64;
    static final int NODE_REPORT_BYTES = 64;

    /** PortTypes bit 7: the port outputs what it takes from Art-Net. */
    static final int TYPE_OUTPUT = 0x80;
    /** PortTypes bit 6: the port puts data onto Art-Net. */
    static final int TYPE_INPUT = 0x40;
    /** GoodInput bit 7: data received; GoodOutput bit 7: ArtDmx being output. */
    static final int GOOD_DATA = 0x80;
    /** GoodOutput bit 3: the output merges several sources. */
    static final int GOOD_MERGING = 0x08;
    /** GoodOutput bit 1: the merge is LTP (clear: HTP). */
    static final int GOOD_LTP = 0x02;
    /** Style StNode. */
    static final int STYLE_NODE = 0x00;

    private static final int VERSION_INFO = 1;
    private static final int OEM_UNKNOWN = 0x00FF;
    private static final int ESTA_PROTOTYPE = 0x7FF0;   // the ESTA manufacturer ids 0x7FF0-0x7FFF are for prototypes
    private static final int STATUS1_NORMAL_FRONT_PANEL = 0xD0;   // indicators normal, Port-Addresses set locally
    private static final int STATUS2_15_BIT = 0x08;
    private static final int GOOD_OUTPUT_B_NO_RDM = 0x80;

    /**
     * One port: its PortTypes byte (DMX512 protocol with {@link #TYPE_OUTPUT} and/or {@link #TYPE_INPUT}), GoodInput,
     * GoodOutput, and the low nibble of its input and output universe.
     */
    record Port(int type, int goodInput, int goodOutput, int swIn, int swOut) {
        boolean outputs() { return (type & TYPE_OUTPUT) != 0; }

        boolean inputs() { return (type & TYPE_INPUT) != 0; }
    }

    ArtPollReply {
        if (ip.length != 4) throw new IllegalArgumentException("an IPv4 address has 4 bytes, not " + ip.length);
        if (ports.size() > MAX_PORTS) throw new IllegalArgumentException(ports.size() + " ports, more than " + MAX_PORTS);
        ports = List.copyOf(ports);
    }

    /** The Port-Address an output port takes from Art-Net. */
    int outputUniverse(Port port) { return ArtNet.portAddress(netSwitch, subSwitch, port.swOut()); }

    /** The Port-Address an input port puts onto Art-Net. */
    int inputUniverse(Port port) { return ArtNet.portAddress(netSwitch, subSwitch, port.swIn()); }

    /** The Port-Addresses of the output ports, in port order. */
    List<Integer> outputUniverses() {
        List<Integer> universes = new ArrayList<>();
        for (Port port : ports) if (port.outputs()) universes.add(outputUniverse(port));
        return universes;
    }

    void encode(ByteBuf out) {
        int start = out.writerIndex();
        ArtNet.writeHeader(out, ArtNet.OP_POLL_REPLY);
        out.writeBytes(ip);
        out.writeShortLE(ArtNet.PORT);
        out.writeShort(VERSION_INFO);
        out.writeByte(netSwitch);
        out.writeByte(subSwitch);
        out.writeShort(OEM_UNKNOWN);
        out.writeByte(0);                                   // Ubea version
        out.writeByte(STATUS1_NORMAL_FRONT_PANEL);
        out.writeShortLE(ESTA_PROTOTYPE);
        writeText(out, shortName, SHORT_NAME_BYTES);
        writeText(out, longName, LONG_NAME_BYTES);
        writeText(out, nodeReport, NODE_REPORT_BYTES);
        out.writeShort(ports.size());                       // NumPorts, big-endian
        for (int i = 0; i < MAX_PORTS; i++) out.writeByte(i < ports.size() ? ports.get(i).type() : 0);
        for (int i = 0; i < MAX_PORTS; i++) out.writeByte(i < ports.size() ? ports.get(i).goodInput() : 0);
        for (int i = 0; i < MAX_PORTS; i++) out.writeByte(i < ports.size() ? ports.get(i).goodOutput() : 0);
        for (int i = 0; i < MAX_PORTS; i++) out.writeByte(i < ports.size() ? ports.get(i).swIn() & 0x0F : 0);
        for (int i = 0; i < MAX_PORTS; i++) out.writeByte(i < ports.size() ? ports.get(i).swOut() & 0x0F : 0);
        out.writeZero(6);                                   // AcnPriority, SwMacro, SwRemote, 3 spare
        out.writeByte(style);
        out.writeZero(6);                                   // MAC
        out.writeBytes(ip);                                 // BindIp
        out.writeByte(bindIndex);
        out.writeByte(STATUS2_15_BIT);
        for (int i = 0; i < MAX_PORTS; i++) out.writeByte(i < ports.size() ? GOOD_OUTPUT_B_NO_RDM : 0);
        out.writeZero(start + BYTES - out.writerIndex());   // Status3, DefaultRespUID, User, RefreshRate, filler
    }

    static ArtPollReply decode(ByteBuf in) throws ArtNetFormatException {
        int at = ArtNet.check(in, ArtNet.OP_POLL_REPLY, "ArtPollReply", MIN_BYTES, false);
        byte[] ip = new byte[4];
        in.getBytes(at + 10, ip);
        int net = in.getUnsignedByte(at + 18) & 0x7F;
        int sub = in.getUnsignedByte(at + 19) & 0x0F;
        String shortName = readText(in, at + 26, SHORT_NAME_BYTES);
        String longName = readText(in, at + 44, LONG_NAME_BYTES);
        String report = readText(in, at + 108, NODE_REPORT_BYTES);
        int numPorts = Math.min(MAX_PORTS, in.getUnsignedShort(at + 172));
        List<Port> ports = new ArrayList<>(numPorts);
        for (int i = 0; i < numPorts; i++) {
            ports.add(new Port(in.getUnsignedByte(at + 174 + i), in.getUnsignedByte(at + 178 + i),
                    in.getUnsignedByte(at + 182 + i), in.getUnsignedByte(at + 186 + i) & 0x0F,
                    in.getUnsignedByte(at + 190 + i) & 0x0F));
        }
        int length = in.readableBytes();
        int style = length > 200 ? in.getUnsignedByte(at + 200) : STYLE_NODE;
        int bindIndex = length > 211 ? in.getUnsignedByte(at + 211) : 0;
        return new ArtPollReply(ip, net, sub, shortName, longName, report, ports, style, bindIndex);
    }

    /** {@code text} as ASCII in a field of {@code size} bytes, cut to leave room for its terminating NUL. */
    private static void writeText(ByteBuf out, String text, int size) {
        byte[] bytes = ascii(text);
        int n = Math.min(bytes.length, size - 1);
        out.writeBytes(bytes, 0, n);
        out.writeZero(size - n);
    }

    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            bytes[i] = (byte) (c >= 0x20 && c < 0x7F ? c : '?');
        }
        return bytes;
    }

    /** The text of a NUL-terminated field (its whole size when it has no NUL). */
    private static String readText(ByteBuf in, int from, int size) {
        int end = from;
        while (end < from + size && in.getByte(end) != 0) end++;
        return in.toString(from, end - from, StandardCharsets.ISO_8859_1);
    }
}
