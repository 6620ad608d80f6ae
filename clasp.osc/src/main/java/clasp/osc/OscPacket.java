package clasp.osc;

/** An OSC packet: a message or a bundle. Immutable. */
public sealed interface OscPacket permits OscMessage, OscBundle {
}
