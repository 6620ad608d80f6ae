package clasp.api.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnouncementTest {
    @Test
    void typicalAnnouncementsAreValid() {
        assertThat(Announcement.valid(Announcement.of(Announcement.OSCJSON_TCP, "CLASP Router", 7340, Map.of()))).isTrue();
        assertThat(Announcement.valid(Announcement.of(Announcement.OSC_UDP, "CLASP Router", 8000,
                Map.of("txtvers", "1", "empty", "")))).isTrue();
        assertThat(Announcement.valid(Announcement.of("_x._udp", "ü".repeat(31), 65535, Map.of()))).isTrue();
    }

    @Test
    void eachRuleRefuses() {
        assertThat(Announcement.valid(Announcement.of("_oscjson._tcp.local.", "a", 1, Map.of()))).isFalse();
        assertThat(Announcement.valid(Announcement.of("oscjson._tcp", "a", 1, Map.of()))).isFalse();
        assertThat(Announcement.valid(Announcement.of("_osc._sctp", "a", 1, Map.of()))).isFalse();
        assertThat(Announcement.valid(Announcement.of("_osc._udp", "", 1, Map.of()))).isFalse();
        assertThat(Announcement.valid(Announcement.of("_osc._udp", "ü".repeat(32), 1, Map.of()))).isFalse();
        assertThat(Announcement.valid(Announcement.of("_osc._udp", "a", 0, Map.of()))).isFalse();
        assertThat(Announcement.valid(Announcement.of("_osc._udp", "a", 65536, Map.of()))).isFalse();
        assertThat(Announcement.valid(Announcement.of("_osc._udp", "a", 1, Map.of("a=b", "c")))).isFalse();
        assertThat(Announcement.valid(Announcement.of("_osc._udp", "a", 1, Map.of("tenletters", "c")))).isFalse();
        assertThat(Announcement.valid(Announcement.of("_osc._udp", "a", 1, Map.of("k", "v".repeat(254))))).isFalse();
        assertThat(Announcement.valid(Announcement.of("_osc._udp", "a", 1, Map.of("k", "v".repeat(253))))).isTrue();
    }
}
