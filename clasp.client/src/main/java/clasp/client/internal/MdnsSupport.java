package clasp.client.internal;

/** Whether jmdns can be loaded; mDNS browsing is skipped without it. */
final class MdnsSupport {
    private MdnsSupport() {}

    static boolean available() {
        try {
            Class.forName("javax.jmdns.JmDNS", false, MdnsSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
