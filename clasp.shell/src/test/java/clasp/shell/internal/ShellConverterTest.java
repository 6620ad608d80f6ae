package clasp.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.router.BridgeInfo;
import clasp.api.router.ParamState;
import clasp.api.router.PluginState;
import clasp.api.router.RouterStats;
import clasp.api.router.StoreInfo;
import clasp.api.router.SessionInfo;
import clasp.api.router.TransportInfo;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.felix.service.command.Converter;
import org.junit.jupiter.api.Test;

class ShellConverterTest {
    private static final long NOW = Formats.micros(Instant.parse("2025-03-04T12:00:00Z"));
    private static final long MINUTE = 60_000_000L;
    private final ShellConverter converter = new ShellConverter(ZoneOffset.UTC);

    private String inspect(Object o) { return String.valueOf(converter.format(o, Converter.INSPECT, null)); }

    private String line(Object o) { return String.valueOf(converter.format(o, Converter.LINE, null)); }

    @Test
    void statusIsAKeyValueBlock() {
        RouterStatus s = new RouterStatus(new RouterStats(NOW - 62 * MINUTE - 3_000_000, 3, 12, 34567, 69000, 2, 120, 240),
                NOW, 2, 1, 0, 0, new StoreInfo("memory only: params are lost when the router stops", false, null));
        assertThat(inspect(s)).isEqualTo(String.join("\n",
                "uptime      1h 02m (since 10:57:57)",
                "sessions    3",
                "params      12",
                "frames in   120/s, 34567 total",
                "frames out  240/s, 69000 total",
                "dropped     2",
                "refused     none",
                "transports  2, 1 not online",
                "bridges     0",
                "store       memory only: params are lost when the router stops",
                "journal     none: REPLAY is refused (501)"));
        assertThat(line(s)).isEqualTo("up 1h 02m, 3 sessions, 12 params, in 120/s, out 240/s");
    }

    @Test
    void statusShowsEachKindOfRefusalWithItsCount() {
        RouterStatus s = new RouterStatus(new RouterStats(NOW - MINUTE, 1, 0, 0, 0, 0, 0, 0,
                Map.of("session-limit", 1900L, "malformed", 3L, "hello-timeout", 0L)), NOW, 1, 0, 0, 0,
                new StoreInfo("H2 MVStore data/store/clasp.mv.db, committed every 100 ms", true, "12 entries"));
        assertThat(inspect(s)).contains("\nrefused     malformed 3, session-limit 1900\n")
                .endsWith("\nstore       H2 MVStore data/store/clasp.mv.db, committed every 100 ms\njournal     12 entries");
    }

    @Test
    void transportsAreAnAlignedTableWithNumbersRightAligned() {
        TransportList l = new TransportList(List.of(
                new TransportInfo("default", "websocket", "ws://0.0.0.0:7330/", PluginState.ONLINE, "", 2, 17, 1234, 99),
                new TransportInfo("it2", "websocket", "", PluginState.FAILED, "bind 127.0.0.1:80: Permission denied", 0, 0, 0, 0)));
        assertThat(inspect(l)).isEqualTo(String.join("\n",
                "ID       KIND       STATE   ENDPOINT            CONNS  ACCEPTED    IN  OUT  DETAIL",
                "default  websocket  ONLINE  ws://0.0.0.0:7330/      2        17  1234   99  -",
                "it2      websocket  FAILED  -                       0         0     0    0  bind 127.0.0.1:80: Permission denied"));
        assertThat(line(l)).isEqualTo("2 transports");
        assertThat(inspect(new TransportList(List.of()))).isEqualTo("no transports");
    }

    @Test
    void sessionsShowWhenTheyOpened() {
        SessionList l = new SessionList(List.of(
                new SessionInfo("s-1", "shell", "local", 0, 4, 0, NOW - 5 * MINUTE),
                new SessionInfo("s-22", "mixer desk", "127.0.0.1:50312 via websocket:default", 3, 100, 2500,
                        Formats.micros(Instant.parse("2025-03-01T08:30:00Z")))), NOW);
        assertThat(inspect(l)).isEqualTo(String.join("\n",
                "ID    NAME        ORIGIN                                 SUBS   IN   OUT  SINCE",
                "s-1   shell       local                                     0    4     0  11:55:00",
                "s-22  mixer desk  127.0.0.1:50312 via websocket:default     3  100  2500  2025-03-01 08:30"));
        assertThat(line(l)).isEqualTo("2 sessions");
        assertThat(inspect(new SessionList(List.of(), NOW))).isEqualTo("no sessions");
    }

    @Test
    void sessionsAuthenticatedByATransportShowTheirPeerIdentity() {
        SessionList l = new SessionList(List.of(
                new SessionInfo("s-1", "shell", "local", 0, 4, 0, NOW - 5 * MINUTE),
                new SessionInfo("s-2", "desk", "127.0.0.1:50312 via tcp:secure", 1, 10, 20, NOW - MINUTE,
                        "CN=desk-1,O=Venue")), NOW);
        assertThat(inspect(l)).isEqualTo(String.join("\n",
                "ID   NAME   ORIGIN                          SUBS  IN  OUT  SINCE     PEER",
                "s-1  shell  local                              0   4    0  11:55:00  -",
                "s-2  desk   127.0.0.1:50312 via tcp:secure     1  10   20  11:59:00  CN=desk-1,O=Venue"));
    }

    @Test
    void bridges() {
        BridgeList l = new BridgeList(List.of(new BridgeInfo("studio", "mqtt", "clasp.bridge.mqtt", PluginState.CONNECTING,
                "broker 10.0.0.5:1883 unreachable, retrying in 4 s", NOW - MINUTE, 5, 6, 0)), NOW);
        assertThat(inspect(l)).isEqualTo(String.join("\n",
                "ID      PROTOCOL  BUNDLE             STATE       SINCE     IN  OUT  DROPPED  DETAIL",
                "studio  mqtt      clasp.bridge.mqtt  CONNECTING  11:59:00   5    6        0  broker 10.0.0.5:1883 unreachable, retrying in 4 s"));
        assertThat(line(new BridgeList(List.of(), NOW))).isEqualTo("0 bridges");
    }

    @Test
    void paramsAndOneParam() {
        ParamState a = new ParamState("/a", Value.of(1.5), 3, "s-1", NOW, null);
        ParamState b = new ParamState("/b/long", Value.of("x".repeat(60)), 1, "s-2", NOW, "s-2");
        assertThat(inspect(new ParamList("/**", List.of(b, a)))).isEqualTo(String.join("\n",
                "ADDRESS  VALUE                                             TYPE    REV  WRITER  LOCK",
                "/a       1.5                                               float     3  s-1     -",
                "/b/long  \"" + "x".repeat(44) + "...  string    1  s-2     s-2"));
        assertThat(inspect(new ParamList("/x/*", List.of()))).isEqualTo("no params match /x/*");
        assertThat(inspect(new ParamList("/**", List.of(b, a), Map.of("s-2", "desk")))).isEqualTo(String.join("\n",
                "ADDRESS  VALUE                                             TYPE    REV  WRITER      LOCK",
                "/a       1.5                                               float     3  s-1         -",
                "/b/long  \"" + "x".repeat(44) + "...  string    1  s-2 (desk)  s-2 (desk)"));
        assertThat(inspect(new ParamDetail(b, Map.of("s-2", "desk")))).contains("\nwriter    s-2 (desk)\n").endsWith("\nlock      s-2 (desk)");
        assertThat(line(new ParamDetail(a, Map.of()))).isEqualTo("/a = 1.5 (revision 3)");
        assertThat(inspect(a)).isEqualTo(String.join("\n",
                "address   /a",
                "value     1.5",
                "type      float",
                "revision  3",
                "writer    s-1",
                "written   12:00:00.000",
                "lock      -"));
        assertThat(line(a)).isEqualTo("/a = 1.5 (revision 3)");
        assertThat(converter.format(a, Converter.PART, null)).isEqualTo("/a");
    }

    @Test
    void typesListAttributesWithTypesAndDefaults() throws IOException {
        String shown = inspect(new FactoryTypeList(MetaTypeXml.read("/metatype/websocket.xml")));
        assertThat(shown).startsWith(String.join("\n",
                "clasp.transport.websocket  CLASP WebSocket transport  (test)",
                "  ATTRIBUTE                 TYPE     DEFAULT",
                "  host                      String   0.0.0.0",
                "  port                      int      7330"));
        assertThat(shown).contains("  epoll                     boolean  true");
        assertThat(inspect(new FactoryTypeList(MetaTypeXml.read("/metatype/demo-bridge.xml"))))
                .contains("  topics           String[]  clasp/#")
                .contains("  ports            int[]     -")
                .contains("  .password        password  -")
                .contains("  keyPassword      password  ********")
                .doesNotContain("changeit");
    }

    @Test
    void instanceChangesHidePrivateValues() {
        InstanceChange c = new InstanceChange("created", "clasp.bridge.demo~studio", "/etc/clasp.bridge.demo-studio.cfg",
                Map.of("clasp.bridge.id", "studio", "ports", new Integer[] {1, 2}, ".password", "secret",
                        clasp.config.CfgFiles.FILENAME, "file:/etc/clasp.bridge.demo-studio.cfg"));
        assertThat(inspect(c)).isEqualTo(String.join("\n",
                "created clasp.bridge.demo~studio (/etc/clasp.bridge.demo-studio.cfg)",
                "  .password        ********",
                "  clasp.bridge.id  studio",
                "  ports            [1, 2]"));
        assertThat(line(c)).isEqualTo("created clasp.bridge.demo~studio (/etc/clasp.bridge.demo-studio.cfg)");
    }

    @Test
    void instanceChangesHideWhatMetaTypeCallsAPassword() {
        InstanceChange c = new InstanceChange("updated", "clasp.transport.tcp~t", "/etc/clasp.transport.tcp-t.cfg",
                Map.of("port", 7331, "tlsKeyStorePassword", "hunter2"), Set.of("tlsKeyStorePassword"));
        assertThat(inspect(c.withOutcome("state  ONLINE"))).isEqualTo(String.join("\n",
                "updated clasp.transport.tcp~t (/etc/clasp.transport.tcp-t.cfg)",
                "  port                 7331",
                "  tlsKeyStorePassword  ********",
                "state  ONLINE"));
    }

    @Test
    void otherObjectsAreLeftToGogo() {
        assertThat(converter.format("text", Converter.INSPECT, null)).isNull();
        assertThat(converter.format(List.of(1), Converter.LINE, null)).isNull();
        assertThat(converter.convert(String.class, "x")).isNull();
    }
}
