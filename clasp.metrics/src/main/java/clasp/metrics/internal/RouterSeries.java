package clasp.metrics.internal;

import clasp.api.router.BridgeInfo;
import clasp.api.router.PluginState;
import clasp.api.router.RouterMetrics;
import clasp.api.router.SessionInfo;
import clasp.api.router.TransportInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The router's families: its counters ({@link RouterMetrics}), open sessions by transport, the outbound queue of each
 * network session as a histogram, and each transport and bridge instance's state and counters. Everything is read
 * from snapshots the router gives out without locks; nothing here is shared between scrapes.
 */
final class RouterSeries {
    /** Upper bounds of the queued-bytes buckets: 0, then 1 KiB to 16 MiB by factors of 4. */
    static final double[] QUEUE_BUCKETS = {0, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216,
            Double.POSITIVE_INFINITY};
    /** The transport of local sessions in {@link SessionInfo#transport}. */
    static final String LOCAL = "local";

    private RouterSeries() { }

    static void write(PrometheusText t, RouterMetrics m, List<SessionInfo> sessions, List<TransportInfo> transports,
                      List<BridgeInfo> bridges) {
        t.family("clasp_router_start_time_seconds", "gauge", "When the router started, in seconds since the epoch.")
                .sample("clasp_router_start_time_seconds", m.startedAtMicros() / 1e6);
        sessions(t, sessions, transports);
        t.family("clasp_params", "gauge", "Params stored.").sample("clasp_params", m.params());
        t.family("clasp_locks", "gauge", "Params locked now.").sample("clasp_locks", m.locks());
        t.family("clasp_handshakes_total", "counter", "HELLOs accepted (a WELCOME sent).")
                .sample("clasp_handshakes_total", m.handshakes());
        traffic(t, m);
        t.family("clasp_deliveries_total", "counter",
                        "Messages handed to a subscriber session, network or local, before its own queue could hold or drop them.")
                .sample("clasp_deliveries_total", m.deliveries());
        t.family("clasp_deliveries_dropped_total", "counter", "Deliveries dropped, by reason.");
        m.drops().forEach((reason, n) -> t.sample("clasp_deliveries_dropped_total", n, "reason", reason));
        t.family("clasp_coalesced_total", "counter", "Messages replaced by a newer one before they left, by reason.");
        m.coalesced().forEach((reason, n) -> t.sample("clasp_coalesced_total", n, "reason", reason));
        t.family("clasp_errors_sent_total", "counter", "ERROR frames sent to network clients, by code.");
        m.errors().forEach((code, n) -> t.sample("clasp_errors_sent_total", n, "code", Integer.toString(code)));
        t.family("clasp_refusals_total", "counter", "Refusals and overloads, by kind.");
        m.refusals().forEach((kind, n) -> t.sample("clasp_refusals_total", n, "kind", kind));
        queued(t, sessions);
        transports(t, transports);
        bridges(t, bridges);
    }

    /** Every registered transport instance is listed, at 0 when no session came through it. */
    private static void sessions(PrometheusText t, List<SessionInfo> sessions, List<TransportInfo> transports) {
        Map<String, Integer> byTransport = new TreeMap<>();
        for (TransportInfo i : transports) byTransport.put(name(i), 0);
        for (SessionInfo s : sessions) byTransport.merge(s.transport(), 1, Integer::sum);
        t.family("clasp_sessions", "gauge", "Open sessions, by the transport instance they came through (local: in the framework).");
        byTransport.forEach((transport, n) -> t.sample("clasp_sessions", n, "transport", transport));
    }

    private static void traffic(PrometheusText t, RouterMetrics m) {
        t.family("clasp_frames_received_total", "counter", "CLASP frames received from network clients, by message type.");
        m.traffic().forEach((type, c) -> t.sample("clasp_frames_received_total", c.framesIn(), "type", type));
        t.family("clasp_received_bytes_total", "counter", "Bytes of the CLASP frames received from network clients, by message type.");
        m.traffic().forEach((type, c) -> t.sample("clasp_received_bytes_total", c.bytesIn(), "type", type));
        t.family("clasp_frames_sent_total", "counter", "CLASP frames sent to network clients, by message type.");
        m.traffic().forEach((type, c) -> t.sample("clasp_frames_sent_total", c.framesOut(), "type", type));
        t.family("clasp_sent_bytes_total", "counter", "Bytes of the CLASP frames sent to network clients, by message type.");
        m.traffic().forEach((type, c) -> t.sample("clasp_sent_bytes_total", c.bytesOut(), "type", type));
    }

    /** The network sessions' queued bytes now, as a histogram rebuilt at each scrape. */
    private static void queued(PrometheusText t, List<SessionInfo> sessions) {
        long[] counts = new long[QUEUE_BUCKETS.length];
        long sum = 0;
        long count = 0;
        for (SessionInfo s : sessions) {
            if (LOCAL.equals(s.transport())) continue;
            long q = s.queuedBytes();
            for (int i = 0; i < QUEUE_BUCKETS.length; i++) if (q <= QUEUE_BUCKETS[i]) counts[i]++;
            sum += q;
            count++;
        }
        t.family("clasp_session_queued_bytes", "histogram",
                "Bytes written to each open network session and not yet sent, over the sessions open at the scrape.");
        for (int i = 0; i < QUEUE_BUCKETS.length; i++) {
            t.sample("clasp_session_queued_bytes_bucket", counts[i], "le", PrometheusText.le(QUEUE_BUCKETS[i]));
        }
        t.sample("clasp_session_queued_bytes_sum", sum);
        t.sample("clasp_session_queued_bytes_count", count);
    }

    private static void transports(PrometheusText t, List<TransportInfo> transports) {
        t.family("clasp_transport_state", "gauge", "Each transport instance's state: 1 for the state it is in, 0 for the others.");
        for (TransportInfo i : transports) {
            for (PluginState s : PluginState.values()) {
                t.sample("clasp_transport_state", i.state() == s ? 1 : 0, "transport", name(i), "kind", i.kind(), "state", s.name());
            }
        }
        t.family("clasp_transport_connections", "gauge", "Connections open now, by transport instance.");
        for (TransportInfo i : transports) t.sample("clasp_transport_connections", i.connections(), "transport", name(i), "kind", i.kind());
        t.family("clasp_transport_accepted_total", "counter", "Connections accepted since the instance opened.");
        for (TransportInfo i : transports) t.sample("clasp_transport_accepted_total", i.accepted(), "transport", name(i), "kind", i.kind());
        t.family("clasp_transport_frames_received_total", "counter", "Frames received on the instance's connections.");
        for (TransportInfo i : transports) t.sample("clasp_transport_frames_received_total", i.framesIn(), "transport", name(i), "kind", i.kind());
        t.family("clasp_transport_frames_sent_total", "counter", "Frames sent on the instance's connections.");
        for (TransportInfo i : transports) t.sample("clasp_transport_frames_sent_total", i.framesOut(), "transport", name(i), "kind", i.kind());
    }

    /** As sessions name it: {@code kind:id}, e.g. {@code websocket:default}. */
    private static String name(TransportInfo i) { return i.kind() + ":" + i.id(); }

    private static void bridges(PrometheusText t, List<BridgeInfo> bridges) {
        t.family("clasp_bridge_state", "gauge", "Each bridge instance's state: 1 for the state it is in, 0 for the others.");
        for (BridgeInfo b : bridges) {
            for (PluginState s : PluginState.values()) {
                t.sample("clasp_bridge_state", b.state() == s ? 1 : 0, "bridge", b.id(), "protocol", b.protocol(), "state", s.name());
            }
        }
        t.family("clasp_bridge_messages_received_total", "counter", "SETs and PUBLISHes the bridge sent into the router.");
        for (BridgeInfo b : bridges) t.sample("clasp_bridge_messages_received_total", b.messagesIn(), "bridge", b.id(), "protocol", b.protocol());
        t.family("clasp_bridge_messages_sent_total", "counter", "Messages delivered to the bridge's listeners.");
        for (BridgeInfo b : bridges) t.sample("clasp_bridge_messages_sent_total", b.messagesOut(), "bridge", b.id(), "protocol", b.protocol());
        t.family("clasp_bridge_dropped_total", "counter", "Messages for the bridge dropped because its queue was full.");
        for (BridgeInfo b : bridges) t.sample("clasp_bridge_dropped_total", b.dropped(), "bridge", b.id(), "protocol", b.protocol());
    }
}
