package clasp.client;

/** GET of an address the router holds no param for (it answers nothing; the client's PING behind the GET tells). */
public final class ParamNotFoundException extends RuntimeException {
    private final String address;

    public ParamNotFoundException(String address) {
        super("no param at " + address);
        this.address = address;
    }

    public String address() { return address; }
}
