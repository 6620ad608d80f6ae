package clasp.api;

/**
 * Address syntax. Messages carry address strings exactly as received; this is the separate check
 * used where the protocol validates (subscription patterns, scopes): non-empty, starting with '/',
 * and no empty segment except a trailing one ({@code /} and {@code /a/} are valid, {@code /a//b} is not).
 */
public final class Address {
    private Address() {}

    /** The reason {@code address} is invalid, in the protocol's wording, or null when it is valid. */
    public static String problem(String address) {
        if (address == null || address.isEmpty()) return "invalid address: empty address";
        if (address.charAt(0) != '/') return "invalid address: address must start with '/': " + address;
        for (int i = 1; i < address.length(); i++) {
            if (address.charAt(i) == '/' && address.charAt(i - 1) == '/') {
                return "invalid address: empty segment in address: " + address;
            }
        }
        return null;
    }

    public static boolean isValid(String address) { return problem(address) == null; }
}
