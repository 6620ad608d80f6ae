package clasp.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.router.BridgeInfo;
import clasp.api.router.PluginState;
import clasp.api.router.RouterMetrics;
import clasp.api.router.RouterMetrics.Traffic;
import clasp.api.router.SessionInfo;
import clasp.api.router.TransportInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router's families for a known snapshot, line by line. */
class RouterSeriesTest {
    private static SessionInfo session(String transport, long queued) {
        return new SessionInfo("s", "n", "o", 0, 0, 0, 0, null, transport, "open", queued);
    }

    @Test void aKnownSnapshotGivesExactlyTheseLines() {
        Map<String, Traffic> traffic = new LinkedHashMap<>();
        traffic.put("SET", new Traffic(5, 120, 10, 240));
        traffic.put("UNKNOWN", new Traffic(1, 5, 0, 0));
        RouterMetrics m = new RouterMetrics(1_700_000_000_500_000L, 4, 7, 2, 3, 10, traffic,
                Map.of("congested", 1L), Map.of("gesture", 4L), Map.of(101, 1L), Map.of("rate-limited", 2L));
        List<SessionInfo> sessions = List.of(session("websocket:default", 0), session("websocket:default", 5_000),
                session("tcp:default", 2_000_000), session("local", 0));
        List<TransportInfo> transports = List.of(new TransportInfo("default", "websocket", "ws://0.0.0.0:7330/",
                PluginState.ONLINE, "", 2, 9, 30, 40), new TransportInfo("spare", "udp", "", PluginState.FAILED, "bind", 0, 0, 0, 0));
        List<BridgeInfo> bridges = List.of(new BridgeInfo("desk \"A\"", "osc", "clasp.bridge.osc", PluginState.OFFLINE,
                "peer gone", 0, 11, 12, 13));
        PrometheusText t = new PrometheusText();
        RouterSeries.write(t, m, sessions, transports, bridges);
        assertThat(t.toString().lines().filter(l -> !l.startsWith("#"))).containsExactly(
                "clasp_router_start_time_seconds 1700000000.5",
                "clasp_sessions{transport=\"local\"} 1",
                "clasp_sessions{transport=\"tcp:default\"} 1",
                "clasp_sessions{transport=\"udp:spare\"} 0",
                "clasp_sessions{transport=\"websocket:default\"} 2",
                "clasp_params 7",
                "clasp_locks 2",
                "clasp_handshakes_total 3",
                "clasp_frames_received_total{type=\"SET\"} 5",
                "clasp_frames_received_total{type=\"UNKNOWN\"} 1",
                "clasp_received_bytes_total{type=\"SET\"} 120",
                "clasp_received_bytes_total{type=\"UNKNOWN\"} 5",
                "clasp_frames_sent_total{type=\"SET\"} 10",
                "clasp_frames_sent_total{type=\"UNKNOWN\"} 0",
                "clasp_sent_bytes_total{type=\"SET\"} 240",
                "clasp_sent_bytes_total{type=\"UNKNOWN\"} 0",
                "clasp_deliveries_total 10",
                "clasp_deliveries_dropped_total{reason=\"congested\"} 1",
                "clasp_coalesced_total{reason=\"gesture\"} 4",
                "clasp_errors_sent_total{code=\"101\"} 1",
                "clasp_refusals_total{kind=\"rate-limited\"} 2",
                "clasp_session_queued_bytes_bucket{le=\"0\"} 1",
                "clasp_session_queued_bytes_bucket{le=\"1024\"} 1",
                "clasp_session_queued_bytes_bucket{le=\"4096\"} 1",
                "clasp_session_queued_bytes_bucket{le=\"16384\"} 2",
                "clasp_session_queued_bytes_bucket{le=\"65536\"} 2",
                "clasp_session_queued_bytes_bucket{le=\"262144\"} 2",
                "clasp_session_queued_bytes_bucket{le=\"1048576\"} 2",
                "clasp_session_queued_bytes_bucket{le=\"4194304\"} 3",
                "clasp_session_queued_bytes_bucket{le=\"16777216\"} 3",
                "clasp_session_queued_bytes_bucket{le=\"+Inf\"} 3",
                "clasp_session_queued_bytes_sum 2005000",
                "clasp_session_queued_bytes_count 3",
                "clasp_transport_state{transport=\"websocket:default\",kind=\"websocket\",state=\"OPENING\"} 0",
                "clasp_transport_state{transport=\"websocket:default\",kind=\"websocket\",state=\"CONNECTING\"} 0",
                "clasp_transport_state{transport=\"websocket:default\",kind=\"websocket\",state=\"ONLINE\"} 1",
                "clasp_transport_state{transport=\"websocket:default\",kind=\"websocket\",state=\"OFFLINE\"} 0",
                "clasp_transport_state{transport=\"websocket:default\",kind=\"websocket\",state=\"FAILED\"} 0",
                "clasp_transport_state{transport=\"udp:spare\",kind=\"udp\",state=\"OPENING\"} 0",
                "clasp_transport_state{transport=\"udp:spare\",kind=\"udp\",state=\"CONNECTING\"} 0",
                "clasp_transport_state{transport=\"udp:spare\",kind=\"udp\",state=\"ONLINE\"} 0",
                "clasp_transport_state{transport=\"udp:spare\",kind=\"udp\",state=\"OFFLINE\"} 0",
                "clasp_transport_state{transport=\"udp:spare\",kind=\"udp\",state=\"FAILED\"} 1",
                "clasp_transport_connections{transport=\"websocket:default\",kind=\"websocket\"} 2",
                "clasp_transport_connections{transport=\"udp:spare\",kind=\"udp\"} 0",
                "clasp_transport_accepted_total{transport=\"websocket:default\",kind=\"websocket\"} 9",
                "clasp_transport_accepted_total{transport=\"udp:spare\",kind=\"udp\"} 0",
                "clasp_transport_frames_received_total{transport=\"websocket:default\",kind=\"websocket\"} 30",
                "clasp_transport_frames_received_total{transport=\"udp:spare\",kind=\"udp\"} 0",
                "clasp_transport_frames_sent_total{transport=\"websocket:default\",kind=\"websocket\"} 40",
                "clasp_transport_frames_sent_total{transport=\"udp:spare\",kind=\"udp\"} 0",
                "clasp_bridge_state{bridge=\"desk \\\"A\\\"\",protocol=\"osc\",state=\"OPENING\"} 0",
                "clasp_bridge_state{bridge=\"desk \\\"A\\\"\",protocol=\"osc\",state=\"CONNECTING\"} 0",
                "clasp_bridge_state{bridge=\"desk \\\"A\\\"\",protocol=\"osc\",state=\"ONLINE\"} 0",
                "clasp_bridge_state{bridge=\"desk \\\"A\\\"\",protocol=\"osc\",state=\"OFFLINE\"} 1",
                "clasp_bridge_state{bridge=\"desk \\\"A\\\"\",protocol=\"osc\",state=\"FAILED\"} 0",
                "clasp_bridge_messages_received_total{bridge=\"desk \\\"A\\\"\",protocol=\"osc\"} 11",
                "clasp_bridge_messages_sent_total{bridge=\"desk \\\"A\\\"\",protocol=\"osc\"} 12",
                "clasp_bridge_dropped_total{bridge=\"desk \\\"A\\\"\",protocol=\"osc\"} 13");
    }

    @Test void everyFamilyHasHelpAndTypeOnceAndCountersEndInTotal() {
        PrometheusText t = new PrometheusText();
        RouterSeries.write(t, new RouterMetrics(0, 0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of()),
                List.of(), List.of(), List.of());
        JvmSeries.write(t);
        List<String> types = t.toString().lines().filter(l -> l.startsWith("# TYPE ")).toList();
        assertThat(types).doesNotHaveDuplicates().allMatch(l -> l.split(" ")[2].startsWith("clasp_"));
        assertThat(types).filteredOn(l -> l.endsWith(" counter")).allMatch(l -> l.split(" ")[2].endsWith("_total"));
        assertThat(t.toString().lines().filter(l -> l.startsWith("# HELP ")).count()).isEqualTo(types.size());
        assertThat(t.toString()).contains("clasp_jvm_memory_used_bytes{area=\"heap\"} ", "clasp_jvm_threads ",
                "clasp_process_uptime_seconds ", "clasp_process_open_fds ");
    }
}
