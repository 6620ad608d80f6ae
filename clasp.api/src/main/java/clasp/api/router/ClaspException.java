package clasp.api.router;

/** A request the router refused, with the protocol error code and text a network client would get. */
public class ClaspException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String address;

    public ClaspException(int code, String message, String address) {
        super(message);
        this.code = code;
        this.address = address;
    }

    /** The protocol error code (e.g. 400 for a revision conflict or a held lock). */
    public int code() { return code; }

    /** The address the error concerns, or null. */
    public String address() { return address; }
}
