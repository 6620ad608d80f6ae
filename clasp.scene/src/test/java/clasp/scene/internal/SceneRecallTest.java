package clasp.scene.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.MapValue;
import clasp.api.Value;
import clasp.api.message.SetMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save and recall at once through the real router: exact values of every kind, all or nothing. */
class SceneRecallTest {
    @TempDir Path folder;
    private RouterFixture fixture;
    private SceneComponent scenes;

    @BeforeEach
    void start() {
        fixture = new RouterFixture(folder.resolve("scenes"));
        scenes = fixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aRecallRestoresTheExactValuesOfEveryKindAfterTheyChanged() throws Exception {
        Map<String, Value> values = Values.everyKind();
        for (var e : values.entrySet()) fixture.set(e.getKey(), e.getValue());
        fixture.set("/other/level", Value.of(5L));

        assertThat(scenes.save("all", "/show/**")).isEqualTo("saved all: " + values.size() + " params matching /show/**");
        for (String address : values.keySet()) fixture.set(address, Value.of("changed"));
        fixture.set("/other/level", Value.of(6L));

        assertThat(scenes.recall("all")).isEqualTo("recalled all: " + values.size() + " params");
        for (var e : values.entrySet()) assertThat(fixture.value(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        assertThat(fixture.value("/other/level")).isEqualTo(Value.of(6L));
    }

    @Test
    void aRecallIsOneBundleThatALockOnOneAddressRefusesWhole() throws Exception {
        fixture.set("/desk/1", Value.of(0.25));
        fixture.set("/desk/2", Value.of(0.5));
        fixture.set("/desk/3", Value.of("open"));
        scenes.save("desk", "/desk/**");
        fixture.set("/desk/1", Value.of(0.75));
        fixture.set("/desk/3", Value.of("closed"));
        var other = fixture.session("operator");
        other.set(new SetMessage("/desk/2", Value.of(0.9), null, true, false, null));

        String refused = scenes.recall("desk");

        assertThat(refused).startsWith("recall desk refused, nothing changed: ").contains("/desk/2");
        assertThat(fixture.value("/desk/1")).isEqualTo(Value.of(0.75));
        assertThat(fixture.value("/desk/2")).isEqualTo(Value.of(0.9));
        assertThat(fixture.value("/desk/3")).isEqualTo(Value.of("closed"));
        MapValue last = (MapValue) fixture.value(SceneRecall.STATUS_ADDRESS);
        assertThat(last.get("name")).isEqualTo(Value.of("desk"));
        assertThat(last.get("status")).isEqualTo(Value.of("refused"));
        assertThat(last.get("detail")).isEqualTo(Value.of(refused));

        other.set(new SetMessage("/desk/2", Value.of(0.9), null, false, true, null));
        assertThat(scenes.recall("desk")).isEqualTo("recalled desk: 3 params");
        assertThat(fixture.value("/desk/2")).isEqualTo(Value.of(0.5));
        assertThat(((MapValue) fixture.value(SceneRecall.STATUS_ADDRESS)).get("status")).isEqualTo(Value.of("recalled"));
    }

    @Test
    void subscribersSeeEveryValueOfARecallTogether() throws Exception {
        fixture.set("/mix/a", Value.of(1L));
        fixture.set("/mix/b", Value.of(2L));
        scenes.save("mix", "/mix/*");
        fixture.set("/mix/a", Value.of(10L));
        fixture.set("/mix/b", Value.of(20L));
        var seen = fixture.observe("/mix/*");

        scenes.recall("mix");

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
        Map<String, Value> got = new LinkedHashMap<>();
        seen.forEach(s -> got.put(s.set().address(), s.set().value()));
        assertThat(got).containsExactly(Map.entry("/mix/a", Value.of(1L)), Map.entry("/mix/b", Value.of(2L)));
    }

    @Test
    void namesPatternsAndEmptyMatchesAreRefusedWithTheRule() throws Exception {
        fixture.set("/a", Value.of(1L));
        assertThat(scenes.save("bad name", "/a")).isEqualTo("invalid scene name \"bad name\": use 1-64 characters of A-Z a-z 0-9 . _ -");
        assertThat(scenes.save("x".repeat(65), "/a")).startsWith("invalid scene name");
        assertThat(scenes.save("..", "/a")).startsWith("invalid scene name");
        assertThat(scenes.save("ok", "a")).isEqualTo("invalid address: address must start with '/': a");
        assertThat(scenes.save("ok", "/nothing/**")).isEqualTo("no params match /nothing/**: ok not saved");
        assertThat(scenes.recall("missing")).isEqualTo("recall missing refused: no scene missing");
        assertThat(scenes.recall("../etc")).startsWith("invalid scene name");
        assertThat(scenes.list()).startsWith("no scenes (files in " + fixture.scenes.toAbsolutePath() + ")\n");
    }

    @Test
    void listShowAndDeleteSayWhatIsThere() throws Exception {
        fixture.set("/lights/1/level", Value.of(0.75));
        fixture.set("/lights/1/name", Value.of("front"));
        fixture.set("/lights/2/level", Value.of(1L));
        fixture.set("/lights/2/gobo", Value.of(new byte[] {1, 2}));
        assertThat(scenes.save("intro", "/lights/**")).isEqualTo("saved intro: 4 params matching /lights/**");
        assertThat(scenes.save("front", "/lights/1/*")).isEqualTo("saved front: 2 params matching /lights/1/*");
        assertThat(scenes.save("front", "/lights/1/level")).isEqualTo("saved front: 1 param matching /lights/1/level (replaced the earlier front)");
        Scene intro = sceneFile("intro");
        Scene front = sceneFile("front");

        assertThat(scenes.list()).isEqualTo(
                "NAME   PARAMS  PATTERN          SAVED\n"
                + "front       1  /lights/1/level  " + front.saved() + "\n"
                + "intro       4  /lights/**       " + intro.saved() + "\n"
                + "control address /clasp/scene/recall: 0 recalled, 0 refused; last recall in /clasp/scene/last");
        assertThat(scenes.show("intro")).isEqualTo(
                "intro: 4 params matching /lights/**, saved " + intro.saved() + "\n"
                + "ADDRESS          VALUE\n"
                + "/lights/1/level  0.75\n"
                + "/lights/1/name   \"front\"\n"
                + "/lights/2/gobo   {\"$bytes\":\"AQI=\"}\n"
                + "/lights/2/level  1");
        assertThat(scenes.show("nope")).isEqualTo("no scene nope");
        assertThat(scenes.delete("intro")).isEqualTo("deleted intro");
        assertThat(scenes.delete("intro")).isEqualTo("no scene intro");
        assertThat(fixture.scenes.resolve("intro.json")).doesNotExist();
        assertThat(fixture.scenes.resolve("front.json")).exists();
    }

    private Scene sceneFile(String name) throws Exception {
        return SceneJson.read(java.nio.file.Files.readString(fixture.scenes.resolve(name + ".json"))).get(0);
    }
}
