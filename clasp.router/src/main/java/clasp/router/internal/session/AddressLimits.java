package clasp.router.internal.session;

import clasp.api.message.AnnounceMessage;
import clasp.api.message.BundleMessage;
import clasp.api.message.GetMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.QueryMessage;
import clasp.api.message.ReplayMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.protocol.WireSizes;
import clasp.router.internal.InputLimits;

/**
 * The size limits on the addresses and patterns a network session sends: UTF-8 bytes and segments (each '/' starts
 * one). Checked on SET, PUBLISH, GET, SUBSCRIBE, QUERY, REPLAY, ANNOUNCE (namespace and every signal address) and
 * every item of a BUNDLE; addresses are otherwise taken as received (D11). A limit of 0 is no limit.
 */
final class AddressLimits {
    private AddressLimits() {}

    /** Throws ERROR 200 naming the first address of {@code m} past a limit. */
    static void check(Message m, InputLimits limits) throws ClaspException {
        if (m instanceof SetMessage s) check(s.address(), limits);
        else if (m instanceof PublishMessage p) check(p.address(), limits);
        else if (m instanceof GetMessage g) check(g.address(), limits);
        else if (m instanceof SubscribeMessage s) check(s.pattern(), limits);
        else if (m instanceof QueryMessage q) check(q.pattern(), limits);
        else if (m instanceof ReplayMessage r) check(r.pattern(), limits);
        else if (m instanceof AnnounceMessage a) {
            check(a.namespace(), limits);
            for (SignalDefinition d : a.signals()) check(d.address(), limits);
        } else if (m instanceof BundleMessage b) {
            for (Message item : b.messages()) check(item, limits);
        }
    }

    private static void check(String address, InputLimits limits) throws ClaspException {
        if (address == null) return;
        int maxBytes = limits.maxAddressBytes();
        if (maxBytes > 0 && address.length() > maxBytes / 3) {   // only then can its UTF-8 form exceed the limit
            int bytes = WireSizes.utf8Length(address);
            if (bytes > maxBytes) {
                throw new ClaspException(ErrorCodes.INVALID_ADDRESS, "Address too long: " + bytes + " bytes (max " + maxBytes + ")", null);
            }
        }
        int maxSegments = limits.maxAddressSegments();
        if (maxSegments > 0 && address.length() > maxSegments) {   // fewer characters than the limit: fewer '/' too
            int segments = segments(address);
            if (segments > maxSegments) {
                throw new ClaspException(ErrorCodes.INVALID_ADDRESS, "Address has " + segments + " segments (max " + maxSegments + ")", address);
            }
        }
    }

    /** Each '/' starts a segment: {@code /a/b/c} has 3. */
    static int segments(String address) {
        int n = 0;
        for (int i = 0, len = address.length(); i < len; i++) if (address.charAt(i) == '/') n++;
        return n;
    }
}
