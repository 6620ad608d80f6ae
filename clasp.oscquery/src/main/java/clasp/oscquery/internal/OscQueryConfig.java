package clasp.oscquery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the OSCQuery server (PID {@value OscQueryServer#PID}); without one the server does not run. */
@ObjectClassDefinition(
        name = "CLASP OSCQuery server",
        description = "Serves the router's params as an OSCQuery address space: HTTP GET for the tree, HOST_INFO and single "
                + "attributes, and a WebSocket on the same port for LISTEN / IGNORE, OSC value updates and path "
                + "notifications. A change restarts the server (its WebSocket clients reconnect).")
public @interface OscQueryConfig {

    @AttributeDefinition(description = "The address the HTTP / WebSocket server binds; 0.0.0.0 is every IPv4 interface.")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "The TCP port of HTTP and WebSocket; 0 picks a free one. 5678 is what libossia "
            + "(ossia score) and the RNBO runner use for OSCQuery, so OSCQuery browsers that try the usual port find it.",
            min = "0", max = "65535")
    int port() default 5678;

    @AttributeDefinition(description = "The server's NAME in HOST_INFO and its mDNS (_oscjson._tcp) instance name: "
            + "1 to 63 bytes of UTF-8.")
    String name() default "CLASP Router";

    @AttributeDefinition(description = "WebSocket clients at once; one more is refused with HTTP 503 at the upgrade.", min = "1")
    int maxClients() default 64;

    @AttributeDefinition(description = "Bytes queued for one WebSocket client (value updates and notifications not yet "
            + "written to its socket); a client further behind is closed with 1008 and reconnects to a fresh tree.",
            min = "65536")
    int maxQueuedBytes() default 1_048_576;

    @AttributeDefinition(description = "Bytes of one HTTP request (request line and headers); a longer one gets 413 or 431.",
            min = "1024")
    int maxRequestBytes() default 8192;

    @AttributeDefinition(description = "Bytes of one WebSocket message from a client (a command, or an OSC packet); a "
            + "longer one closes the connection with 1009.", min = "1024")
    int maxMessageBytes() default 65_536;

    @AttributeDefinition(description = "How often (ms) the server compares the params it announced with the router's, "
            + "to tell of params removed (an admin's delete, a TTL running out: the router tells no subscriber).",
            min = "100")
    int removalCheckMillis() default 1000;

    @AttributeDefinition(description = "Use native epoll when available (Linux); else NIO.")
    boolean epoll() default true;

    @AttributeDefinition(description = "What OSCQuery clients (HTTP and WebSocket, which carry no credentials) may read "
            + "and write, as scopes checked like a CLASP client's in authenticated mode; ACCESS shows the same. Empty: every scope.")
    String[] scopes() default {};
}
