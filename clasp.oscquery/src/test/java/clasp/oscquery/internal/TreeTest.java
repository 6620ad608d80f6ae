package clasp.oscquery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.auth.Authoriser;
import clasp.api.message.AnnounceMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SignalMeta;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP side against the router's param space: the tree, single attributes, errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TreeTest {

    /** Values of every kind, and an announcement with a range and a description for two of them. */
    private static void showParams(TestServer s) throws Exception {
        s.set("/mixer/ch/1/fader", Value.of(0.75));
        s.set("/mixer/ch/1/mute", Value.of(true));
        s.set("/mixer/ch/1/name", Value.of("Vocals"));
        s.set("/mixer/scene", Value.of(12L));
        s.set("/mixer/clock", Value.of(5_000_000_000L));
        s.set("/rig/colour", Value.of(List.of(Value.of(255L), Value.of(0.5), Value.of("warm"))));
        s.set("/rig/blob", Value.of(new byte[] {1, 2, 3}));
        s.set("/rig/config", Value.of(Map.of("mode", Value.of("auto"))));
        s.set("/rig/empty", Value.ofNull());
        s.announce(new AnnounceMessage("/mixer", List.of(
                new SignalDefinition("/mixer/ch/1/fader", SignalType.PARAM, "f32", "rw",
                        new SignalMeta("dB", 0.0, 1.0, Value.of(0.0), "Channel 1 level")),
                new SignalDefinition("/mixer/scene", SignalType.PARAM, "i32", "rw",
                        new SignalMeta(null, 1.0, 99.0, null, "Current scene")))));
    }

    @Test
    void theRootIsTheWholeParamSpaceAsOscQueryJson() throws Exception {
        try (TestServer s = new TestServer()) {
            showParams(s);
            assertThat(s.json("/")).isEqualTo(TestServer.parse("""
                    {"FULL_PATH": "/", "ACCESS": 0, "CONTENTS": {
                      "mixer": {"FULL_PATH": "/mixer", "ACCESS": 0, "CONTENTS": {
                        "ch": {"FULL_PATH": "/mixer/ch", "ACCESS": 0, "CONTENTS": {
                          "1": {"FULL_PATH": "/mixer/ch/1", "ACCESS": 0, "CONTENTS": {
                            "fader": {"FULL_PATH": "/mixer/ch/1/fader", "DESCRIPTION": "Channel 1 level", "TYPE": "f",
                                      "VALUE": [0.75], "RANGE": [{"MIN": 0.0, "MAX": 1.0}], "ACCESS": 3},
                            "mute": {"FULL_PATH": "/mixer/ch/1/mute", "TYPE": "T", "VALUE": [true], "ACCESS": 3},
                            "name": {"FULL_PATH": "/mixer/ch/1/name", "TYPE": "s", "VALUE": ["Vocals"], "ACCESS": 3}}}}},
                        "clock": {"FULL_PATH": "/mixer/clock", "TYPE": "h", "VALUE": [5000000000], "ACCESS": 3},
                        "scene": {"FULL_PATH": "/mixer/scene", "DESCRIPTION": "Current scene", "TYPE": "i", "VALUE": [12],
                                  "RANGE": [{"MIN": 1, "MAX": 99}], "ACCESS": 3}}},
                      "rig": {"FULL_PATH": "/rig", "ACCESS": 0, "CONTENTS": {
                        "blob": {"FULL_PATH": "/rig/blob", "TYPE": "b", "VALUE": ["AQID"], "ACCESS": 3},
                        "colour": {"FULL_PATH": "/rig/colour", "TYPE": "ifs", "VALUE": [255, 0.5, "warm"], "ACCESS": 3},
                        "config": {"FULL_PATH": "/rig/config", "TYPE": "s", "VALUE": ["{\\"mode\\":\\"auto\\"}"], "ACCESS": 3},
                        "empty": {"FULL_PATH": "/rig/empty", "TYPE": "N", "VALUE": [null], "ACCESS": 3}}}}}
                    """));
        }
    }

    @Test
    void aPathIsItsSubtreeAndAParamWithParamsBelowItIsBothMethodAndContainer() throws Exception {
        try (TestServer s = new TestServer()) {
            s.set("/deck/a", Value.of(1L));
            s.set("/deck/a/gain", Value.of(0.25));
            s.set("/other", Value.of(2L));
            assertThat(s.json("/deck")).isEqualTo(TestServer.parse("""
                    {"FULL_PATH": "/deck", "ACCESS": 0, "CONTENTS": {
                      "a": {"FULL_PATH": "/deck/a", "TYPE": "i", "VALUE": [1], "ACCESS": 3, "CONTENTS": {
                        "gain": {"FULL_PATH": "/deck/a/gain", "TYPE": "f", "VALUE": [0.25], "ACCESS": 3}}}}}
                    """));
            assertThat(s.json("/deck/")).isEqualTo(s.json("/deck"));
        }
    }

    @Test
    void aSingleAttributeIsAnObjectWithThatAttributeOnly() throws Exception {
        try (TestServer s = new TestServer()) {
            showParams(s);
            assertThat(s.json("/mixer/ch/1/fader?VALUE")).isEqualTo(TestServer.parse("{\"VALUE\": [0.75]}"));
            assertThat(s.json("/mixer/scene?RANGE")).isEqualTo(TestServer.parse("{\"RANGE\": [{\"MIN\": 1, \"MAX\": 99}]}"));
            assertThat(s.json("/rig/colour?TYPE")).isEqualTo(TestServer.parse("{\"TYPE\": \"ifs\"}"));
            assertThat(s.json("/mixer/ch/1/name?ACCESS")).isEqualTo(TestServer.parse("{\"ACCESS\": 3}"));
            assertThat(s.json("/mixer/scene?DESCRIPTION")).isEqualTo(TestServer.parse("{\"DESCRIPTION\": \"Current scene\"}"));
            assertThat(s.json("/mixer/ch?CONTENTS").get("CONTENTS").fieldNames()).toIterable().containsExactly("1");
            s.set("/mixer/scene", Value.of(13L));
            assertThat(s.json("/mixer/scene?VALUE")).isEqualTo(TestServer.parse("{\"VALUE\": [13]}"));
        }
    }

    @Test
    void unknownPathIs404UnknownAttributeIs400AndAnAttributeTheNodeLacksIs204() throws Exception {
        try (TestServer s = new TestServer()) {
            showParams(s);
            HttpResponse<String> missing = s.get("/mixer/nothing");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(s.get("/mixer/ch/1/fad").statusCode()).isEqualTo(404);
            assertThat(s.get("/mixer/scene?CLIPMODE").statusCode()).isEqualTo(400);
            assertThat(s.get("/mixer/scene?SOMETHING").statusCode()).isEqualTo(400);
            HttpResponse<String> noValue = s.get("/mixer?VALUE");
            assertThat(noValue.statusCode()).isEqualTo(204);
            assertThat(noValue.body()).isEmpty();
            assertThat(s.get("/mixer/ch/1/mute?RANGE").statusCode()).isEqualTo(204);
            assertThat(s.get("/mixer/ch/1/mute?DESCRIPTION").statusCode()).isEqualTo(204);
        }
    }

    @Test
    void anEmptyRouterIsAnEmptyRootAndOtherMethodsAre405() throws Exception {
        try (TestServer s = new TestServer()) {
            assertThat(s.json("/")).isEqualTo(TestServer.parse("{\"FULL_PATH\": \"/\", \"ACCESS\": 0}"));
            assertThat(s.get("/").headers().firstValue("Content-Type")).contains("application/json");
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            HttpResponse<String> post = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port + "/"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aRequestBeyondMaxRequestBytesIs400AndTheServerCarriesOn() throws Exception {
        try (TestServer s = new TestServer("maxRequestBytes", 1024)) {
            s.set("/a", Value.of(1L));
            assertThat(s.get("/" + "x".repeat(2000)).statusCode()).isEqualTo(400);
            assertThat(s.json("/a?VALUE")).isEqualTo(TestServer.parse("{\"VALUE\": [1]}"));
        }
    }

    @Test
    void accessIsWhatTheAuthoriserGrantsAndAValueThatMayNotBeReadIsLeftOut() throws Exception {
        Authoriser partial = (principal, action, address) -> switch (action) {
            case GET -> address.startsWith("/readable");
            case SET -> address.startsWith("/writable") || address.equals("/readable/both");
            default -> true;
        };
        try (TestServer s = new TestServer()) {
            s.set("/readable/only", Value.of(1L));
            s.set("/readable/both", Value.of(2L));
            s.set("/writable/only", Value.of(3L));
            s.set("/hidden", Value.of(4L));
            s.useAuthoriser(partial);
            assertThat(s.json("/readable/only")).isEqualTo(TestServer.parse(
                    "{\"FULL_PATH\": \"/readable/only\", \"TYPE\": \"i\", \"VALUE\": [1], \"ACCESS\": 1}"));
            assertThat(s.json("/readable/both?ACCESS")).isEqualTo(TestServer.parse("{\"ACCESS\": 3}"));
            assertThat(s.json("/writable/only")).isEqualTo(TestServer.parse(
                    "{\"FULL_PATH\": \"/writable/only\", \"TYPE\": \"i\", \"ACCESS\": 2}"));
            assertThat(s.json("/hidden")).isEqualTo(TestServer.parse("{\"FULL_PATH\": \"/hidden\", \"TYPE\": \"i\", \"ACCESS\": 0}"));
            assertThat(s.get("/writable/only?VALUE").statusCode()).isEqualTo(204);
        }
    }

    @Test
    void paramsWhoseAddressIsNoOscPathAreLeftOut() throws Exception {
        try (TestServer s = new TestServer()) {
            s.set("/ok/one", Value.of(1L));
            s.set("/ok/with space", Value.of(2L));
            s.set("/ok/hash#tag", Value.of(3L));
            s.set("no-slash", Value.of(4L));
            assertThat(s.json("/ok").get("CONTENTS").fieldNames()).toIterable().containsExactly("one");
            assertThat(s.get("/ok/with%20space").statusCode()).isEqualTo(404);
        }
    }
}
