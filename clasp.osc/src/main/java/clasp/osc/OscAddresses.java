package clasp.osc;

import clasp.api.Address;

/**
 * OSC addresses ↔ CLASP addresses under a namespace (bridges.md §1.2, §0.2). Inbound, an OSC address becomes
 * {@code namespace + address} only when it names one method: OSC pattern characters ({@code ? * [ ] { }}, which would
 * turn into CLASP wildcards), the other characters OSC forbids in a name ({@code space # ,}), control characters,
 * empty segments and a trailing '/' are refused with a reason. Outbound, the namespace is stripped; an address
 * outside it has no OSC address. A namespace is "" (none) or a valid CLASP address without wildcards or trailing '/'.
 * Stateless.
 */
public final class OscAddresses {
    private static final String FORBIDDEN = "?*[]{}#, ";

    private OscAddresses() {
    }

    /** Why {@code namespace} cannot be a namespace, or null when it can. */
    public static String namespaceProblem(String namespace) {
        if (namespace == null) return "no namespace";
        if (namespace.isEmpty()) return null;
        String problem = Address.problem(namespace);
        if (problem != null) return problem;
        if (namespace.endsWith("/")) return "namespace ends with '/': " + namespace;
        if (namespace.indexOf('*') >= 0) return "namespace holds a wildcard: " + namespace;
        return null;
    }

    /** Why inbound {@code oscAddress} cannot become a CLASP address, or null when it can. */
    public static String problem(String oscAddress) {
        if (oscAddress == null || oscAddress.isEmpty() || oscAddress.charAt(0) != '/') {
            return "OSC address does not start with '/': " + oscAddress;
        }
        for (int i = 0; i < oscAddress.length(); i++) {
            char c = oscAddress.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0) {
                return (c == ' ' || c == '#' || c == ',' ? "OSC address holds '" : "OSC address pattern character '")
                        + c + "', refused: " + oscAddress;
            }
            if (c < 0x20 || c == 0x7F) return "OSC address holds a control character: " + oscAddress;
        }
        if (oscAddress.endsWith("/")) return "OSC address ends with '/': " + oscAddress;
        return Address.problem(oscAddress);
    }

    /** The CLASP address of inbound {@code oscAddress}, whose {@link #problem} is null. */
    public static String toClasp(String namespace, String oscAddress) {
        return namespace + oscAddress;
    }

    /** The OSC address of {@code claspAddress} with {@code namespace} stripped, or null when it is outside it. */
    public static String toOsc(String namespace, String claspAddress) {
        if (namespace.isEmpty()) return claspAddress;
        if (claspAddress.length() > namespace.length() + 1 && claspAddress.startsWith(namespace)
                && claspAddress.charAt(namespace.length()) == '/') {
            return claspAddress.substring(namespace.length());
        }
        return null;
    }
}
