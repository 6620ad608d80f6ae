package clasp.shell.internal;

import clasp.api.router.TransportInfo;
import java.util.List;

/** What {@code clasp.transport:list} returns: every transport instance the router tracks. */
public record TransportList(List<TransportInfo> transports) {
    public TransportList {
        transports = List.copyOf(transports);
    }
}
