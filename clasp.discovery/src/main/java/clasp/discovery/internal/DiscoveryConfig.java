package clasp.discovery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "CLASP discovery",
        description = "Announces the router's listeners and registered Announcement services over mDNS / DNS-SD and answers broadcast discovery HELLOs")
@interface DiscoveryConfig {
    @AttributeDefinition(description = "Announce over mDNS / DNS-SD")
    boolean mdns() default true;

    @AttributeDefinition(description = "Names of the network interfaces to announce on (e.g. eth0, lo); empty: every non-loopback "
            + "interface that is up, or the loopback interfaces when no other is up")
    String[] interfaces() default {};

    @AttributeDefinition(description = "Transport kinds whose listeners are announced as _clasp._tcp")
    String[] kinds() default {"websocket", "tcp", "udp", "quic"};

    @AttributeDefinition(description = "Name announced and sent in the broadcast WELCOME; empty: the router's configured name")
    String name() default "";

    @AttributeDefinition(description = "Stable router id (TXT id, broadcast WELCOME session); empty: generated once and kept in "
            + "${clasp.data}/discovery/router-id")
    String routerId() default "";

    @AttributeDefinition(description = "Host name announced (<host>.local.); empty: the machine's host name")
    String hostName() default "";

    @AttributeDefinition(description = "Seconds between checks of the interfaces and of the router's listeners", min = "1", max = "3600")
    int rescanSeconds() default 5;

    @AttributeDefinition(description = "Answer broadcast discovery HELLOs")
    boolean broadcast() default true;

    @AttributeDefinition(description = "UDP port of the broadcast discovery responder", min = "1", max = "65535")
    int broadcastPort() default 7331;

    @AttributeDefinition(description = "Address the responder binds to")
    String broadcastBind() default "0.0.0.0";

    @AttributeDefinition(description = "Replies per second to one source address (a burst of as many is allowed)", min = "1", max = "1000")
    int repliesPerSecond() default 2;

    @AttributeDefinition(description = "Source addresses the rate limiter remembers (the least recently seen is forgotten first)",
            min = "1", max = "1000000")
    int maxSources() default 1024;
}
