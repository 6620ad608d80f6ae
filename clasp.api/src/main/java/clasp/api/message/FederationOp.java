package clasp.api.message;

/** Operations of FEDERATION_SYNC, with their wire codes. */
public enum FederationOp {
    DECLARE_NAMESPACES(1), REQUEST_SYNC(2), REVISION_VECTOR(3), SYNC_COMPLETE(4);

    private final int code;

    FederationOp(int code) { this.code = code; }

    public int code() { return code; }

    /** The operation for a code, or null when unknown. */
    public static FederationOp fromCode(int code) {
        for (FederationOp op : values()) if (op.code == code) return op;
        return null;
    }
}
