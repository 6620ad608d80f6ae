package clasp.oscquery.internal;

import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.osc.OscDecoder;
import clasp.osc.OscFormatException;
import clasp.osc.OscLimits;
import clasp.osc.OscMessage;
import clasp.osc.OscPacket;
import clasp.osc.OscValueMapping;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OSC messages a WebSocket client sends as binary messages (the proposal lets clients write this way): each one
 * whose address is an OSC path is a SET of its value (the shared mapping: no argument Null, one its value, more an
 * Array) through the server's router session, so the authoriser, the write hooks and the limits apply as to any
 * client. A malformed packet, a bundle (its timetags would need scheduling: OSC peers with bundles use the OSC
 * adapter), an address that is no OSC path and a refused SET are counted and dropped; none closes the connection.
 */
final class ClientWrites {
    private static final Logger LOG = LoggerFactory.getLogger(ClientWrites.class);

    private final LocalSession session;
    private final OscDecoder decoder;
    final LongAdder applied = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder refused = new LongAdder();

    ClientWrites(LocalSession session, int maxPacketBytes) {
        this.session = session;
        this.decoder = new OscDecoder(new OscLimits(maxPacketBytes, OscLimits.DEFAULTS.maxArguments(),
                OscLimits.DEFAULTS.maxBundleDepth(), OscLimits.DEFAULTS.maxArrayDepth()));
    }

    /** The packet in {@code content}'s readable bytes (not released here). */
    void received(ByteBuf content) {
        OscPacket packet;
        try {
            packet = decoder.decode(content);
        } catch (OscFormatException e) {
            malformed.increment();
            LOG.debug("clasp.oscquery: malformed OSC packet from a WebSocket client: {}", e.getMessage());
            return;
        }
        if (!(packet instanceof OscMessage message) || !OscPaths.valid(message.address()) || message.address().equals("/")) {
            refused.increment();
            return;
        }
        try {
            session.set(message.address(), OscValueMapping.toValue(message.arguments()));
            applied.increment();
        } catch (ClaspException e) {
            refused.increment();
            LOG.debug("clasp.oscquery: SET {} from a WebSocket client refused: {}", message.address(), e.getMessage());
        }
    }
}
