package clasp.adapter.osc.internal;

import clasp.transport.netty.DatagramOutbound;
import clasp.api.Value;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.ParamEntry;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.DecodeException;
import clasp.osc.OscAddresses;
import clasp.osc.OscEncoder;
import clasp.osc.OscMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the router sends an OSC peer, translated as it is sent (on the sending thread, so in the connection's one
 * order): a SET, a PUBLISH with a value and each entry of a subscription's SNAPSHOT become one OSC message, its address
 * the CLASP address without the namespace, its arguments per the shared mapping; an ERROR (a write or subscription the router refused) is counted. Everything else (WELCOME, ACK, …) is nothing
 * for an OSC peer. Stateless apart from the listener it reports to; any thread.
 */
final class ClaspToOsc {
    private static final Logger LOG = LoggerFactory.getLogger(ClaspToOsc.class);
    private static final ClaspCodec CODEC = ClaspCodec.defaults();

    private final OscSettings settings;
    private final OscLink link;

    ClaspToOsc(OscSettings settings, OscLink link) {
        this.settings = settings;
        this.link = link;
    }

    /** Translates {@code frame} (not released here) and offers what the peer gets to {@code out}. */
    void translate(ByteBuf frame, DatagramOutbound<OscPeer> out) {
        Frame decoded;
        try {
            decoded = CODEC.decode(frame.duplicate());
        } catch (DecodeException e) {
            LOG.warn("{}: undecodable frame from the router: {}", OscTransport.PID, e.getMessage());
            return;
        }
        switch (decoded.message().type()) {
            case SET -> {
                SetMessage set = (SetMessage) decoded.message();
                send(set.address(), set.value(), out);
            }
            case PUBLISH -> {
                PublishMessage p = (PublishMessage) decoded.message();
                if (p.value() != null) send(p.address(), p.value(), out);
            }
            case SNAPSHOT -> {
                for (ParamEntry e : ((SnapshotMessage) decoded.message()).params()) send(e.address(), e.value(), out);
            }
            case ERROR -> {
                ErrorMessage e = (ErrorMessage) decoded.message();
                link.refusals().count(OscRefusal.ROUTER_REFUSED);
                LOG.debug("{}: the router refused a request: {} {} {}", OscTransport.PID, e.code(), e.message(),
                        e.address() == null ? "" : e.address());
            }
            default -> { }   // WELCOME, ACK, …: nothing for an OSC peer
        }
    }

    private void send(String address, Value value, DatagramOutbound<OscPeer> out) {
        String oscAddress = OscAddresses.toOsc(settings.namespace(), address);
        if (oscAddress == null) {
            link.refusals().count(OscRefusal.UNENCODABLE);   // outside the namespace: not the peer's address space
            return;
        }
        OscMessage message;
        try {
            message = new OscMessage(oscAddress, settings.mapping().toArguments(value));
        } catch (IllegalArgumentException noOscForm) {   // a NUL in a string, or in the address
            link.refusals().count(OscRefusal.UNENCODABLE);
            LOG.debug("{}: {} has no OSC form: {}", OscTransport.PID, address, noOscForm.getMessage());
            return;
        }
        out.offer(OscEncoder.encode(message, ByteBufAllocator.DEFAULT));
    }
}
