package clasp.client;

/** The router refused a request with an ERROR frame: its code (e.g. 400, 403, 429), text and address, if any. */
public final class ClaspErrorException extends RuntimeException {
    private final int code;
    private final String address;

    public ClaspErrorException(int code, String message, String address) {
        super("ERROR " + code + ": " + message + (address == null ? "" : " (" + address + ")"));
        this.code = code;
        this.address = address;
    }

    public int code() { return code; }

    /** The address the router named, or null. */
    public String address() { return address; }
}
