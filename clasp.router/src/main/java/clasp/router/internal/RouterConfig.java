package clasp.router.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "CLASP router", description = "Limits and timings of the CLASP router")
@interface RouterConfig {
    @AttributeDefinition(description = "Name sent in WELCOME")
    String name() default "CLASP Router";

    @AttributeDefinition(description = "Handshaken network sessions at most; more are closed with 1013")
    int maxSessions() default 10_000;

    @AttributeDefinition(description = "Connections still in handshake at most; more are closed with 1013")
    int maxHandshaking() default 1_000;

    @AttributeDefinition(description = "Seconds a new connection has to send HELLO")
    int helloTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Seconds without any inbound frame after which a session is closed; 0 = never")
    int sessionTimeoutSeconds() default 300;

    @AttributeDefinition(description = "Params at most; a SET creating one more gets ERROR 400 AtCapacity")
    int maxParams() default 100_000;

    @AttributeDefinition(description = "Announced signals at most; more get ERROR 429")
    int maxSignals() default 10_000;

    @AttributeDefinition(description = "Subscriptions per session at most; more get ERROR 429")
    int maxSubscriptionsPerSession() default 1_000;

    @AttributeDefinition(description = "Inbound frames per second per network session; 0 = unlimited")
    int rateLimitPerSecond() default 50_000;

    @AttributeDefinition(description = "Malformed frames within 10 s after which the connection is closed")
    int malformedLimit() default 20;

    @AttributeDefinition(description = "Seconds a session may stay unable to take frames before it is closed")
    int stallTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Bytes queued for one session at most before it is closed")
    long maxQueuedBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Messages queued for one local session's listeners at most; more are dropped")
    int localQueueLimit() default 65_536;

    @AttributeDefinition(description = "Hold back gesture moves so that only the latest leaves (false: forward every move)")
    boolean gestureCoalescing() default true;

    @AttributeDefinition(description = "Milliseconds a held gesture move waits for a newer one; 0 = moves leave only at End or Cancel")
    int gestureCoalesceIntervalMs() default 16;

    @AttributeDefinition(description = "Threads shared by the listeners of all local sessions opened through the Router "
            + "service, at least 1 (each session still gets its messages one at a time, in order)")
    int listenerThreads() default 4;

    @AttributeDefinition(description = "Retry ids remembered per session: a marked SET, PUBLISH or BUNDLE sent again with "
            + "one of them is answered again but not applied again; 0 = no deduplication")
    int retryWindow() default 1_024;

    @AttributeDefinition(description = "Seconds ahead a BUNDLE may be scheduled at most; further gets ERROR 400")
    int bundleHorizonSeconds() default 3_600;

    @AttributeDefinition(description = "Scheduled bundles waiting per session at most; more get ERROR 429")
    int maxScheduledBundlesPerSession() default 1_000;
    @AttributeDefinition(description = "Conflict strategy rules, each <pattern>=lww|max|min|lock; the first matching rule "
            + "decides a SET to an address, no match: lww")
    String[] conflictStrategies() default {};

    @AttributeDefinition(description = "Seconds a lock holder may send nothing before it loses its locks; 0 = no lease")
    int lockLeaseSeconds() default 0;

    @AttributeDefinition(description = "Seconds after its last write a param without its own TTL is removed; 0 = never")
    int paramTtlSeconds() default 0;

    @AttributeDefinition(description = "Seconds an open gesture may go without Start or Move before it is forgotten "
            + "(its held move is sent first)")
    int gestureIdleSeconds() default 300;

    @AttributeDefinition(description = "Defaults for the attributes not set: product, or reference (the reference "
            + "router's defaults)", options = {
            @org.osgi.service.metatype.annotations.Option(value = "product"),
            @org.osgi.service.metatype.annotations.Option(value = "reference")})
    String profile() default "product";
    @AttributeDefinition(description = "Stream samples kept per stream address for SUBSCRIBE's history option; 0 = none")
    int streamHistoryDepth() default 16;

    @AttributeDefinition(description = "Stream addresses with a kept history at most; samples of further addresses are not kept")
    int streamHistoryAddresses() default 4_096;
    @AttributeDefinition(description = "Milliseconds one call of a write hook (validator, transform, snapshot filter) may take; "
            + "a hook whose calls take longer three times in a row is disabled until its service is registered again; 0 = no budget")
    int hookBudgetMillis() default 20;
    @AttributeDefinition(description = "Threads shared by all bridges, at least 1 (each bridge still runs one call at a "
            + "time, in order); one more is lent for each bridge blocked in a call, up to as many again")
    int bridgeThreads() default 4;

    @AttributeDefinition(description = "Scheduled bundles waiting in the router at most, all senders together (they "
            + "outlive their senders' connections); more get ERROR 429")
    int maxScheduledBundles() default 100_000;

    @AttributeDefinition(description = "Arrays, maps and bundles nested in one frame at most (1 to 512); deeper frames get ERROR 101")
    int maxNestingDepth() default 32;

    @AttributeDefinition(description = "Items of one array value at most (0 to 65535); a longer array's frame gets ERROR 101")
    int maxArrayLength() default 16_384;

    @AttributeDefinition(description = "Entries of one map value at most (0 to 65535); a larger map's frame gets ERROR 101")
    int maxMapSize() default 4_096;

    @AttributeDefinition(description = "UTF-8 bytes of any one string in a frame (addresses, names, keys, values) at most "
            + "(0 to 65535); a longer string's frame gets ERROR 101")
    int maxStringBytes() default 65_535;

    @AttributeDefinition(description = "Bytes of one bytes value at most (0 to 65535); a longer value's frame gets ERROR 101")
    int maxBytesLength() default 65_535;

    @AttributeDefinition(description = "UTF-8 bytes of an address or pattern a network session sends at most; longer gets ERROR 200")
    int maxAddressBytes() default 1_024;

    @AttributeDefinition(description = "Segments (parts between '/') of an address or pattern a network session sends at "
            + "most; more get ERROR 200")
    int maxAddressSegments() default 64;

    @AttributeDefinition(description = "Paced replies (snapshots of SUBSCRIBE and HELLO, QUERY results, REPLAY runs) still "
            + "being sent to one network session at most; a SUBSCRIBE, GET, QUERY or REPLAY past it gets ERROR 429")
    int maxPendingRequestsPerSession() default 64;

    @AttributeDefinition(description = "SETs and PUBLISHes (bundle items included) per second from one network session to "
            + "one address; more get ERROR 429; 0 = unlimited")
    int addressRateLimitPerSecond() default 20_000;

    @AttributeDefinition(description = "The same per-address limit for local sessions (bridges, the shell, in-framework "
            + "code); 0 = unlimited")
    int localAddressRateLimitPerSecond() default 0;
}
