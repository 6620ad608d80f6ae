package clasp.bridge.sacn.internal;

/** Why a datagram is no E1.31 packet the bridge can read; the reason shows in the status line. */
final class MalformedPacket extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedPacket(String reason) {
        super(reason, null, false, false);
    }
}
