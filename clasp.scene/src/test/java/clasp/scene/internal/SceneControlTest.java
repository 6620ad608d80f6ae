package clasp.scene.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import clasp.api.MapValue;
import clasp.api.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients recall scenes with a SET on the control address and read the outcome from /clasp/scene/last. */
class SceneControlTest {
    private static final String CONTROL = "/clasp/scene/recall";

    @TempDir Path folder;
    private RouterFixture fixture;
    private SceneComponent scenes;

    @BeforeEach
    void start() throws Exception {
        fixture = new RouterFixture(folder.resolve("scenes"));
        scenes = fixture.start();
        fixture.set("/stage/level", Value.of(0.8));
        fixture.set("/stage/label", Value.of("intro"));
        scenes.save("intro", "/stage/*");
        fixture.set("/stage/level", Value.of(0.2));
        fixture.set("/stage/label", Value.of("outro"));
        scenes.save("outro", "/stage/*");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aStringRecallsThatSceneAtOnceAndTheOutcomeIsAParam() throws Exception {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        fixture.set(CONTROL, Value.of("intro"));

        MapValue last = awaitLast("intro");
        assertThat(last.entries().keySet()).containsExactly("name", "fade", "status", "detail", "at");
        assertThat(last.get("status")).isEqualTo(Value.of("recalled"));
        assertThat(last.get("fade")).isEqualTo(Value.of(0L));
        assertThat(last.get("detail")).isEqualTo(Value.of("recalled intro: 2 params"));
        assertThat(Instant.parse(((clasp.api.StringValue) last.get("at")).value())).isAfterOrEqualTo(before);
        assertThat(fixture.value("/stage/level")).isEqualTo(Value.of(0.8));
        assertThat(fixture.value("/stage/label")).isEqualTo(Value.of("intro"));

        fixture.set(CONTROL, Value.of("outro"));
        awaitLast("outro");
        fixture.set(CONTROL, Value.of("intro"));   // the same scene again: a SET of a value already there still recalls
        awaitLast("intro");
        assertThat(fixture.value("/stage/label")).isEqualTo(Value.of("intro"));
        assertThat(scenes.list()).endsWith("control address /clasp/scene/recall: 3 recalled, 0 refused; last recall in /clasp/scene/last");
    }

    @Test
    void aMapWithAFadeFadesToTheScene() throws Exception {
        fixture.set("/stage/level", Value.of(0.0));
        var seen = fixture.observe("/stage/level");
        Map<String, Value> request = new LinkedHashMap<>();
        request.put("name", Value.of("intro"));
        request.put("fade", Value.of(300L));
        fixture.set(CONTROL, Value.of(request));

        MapValue last = awaitLast("intro");
        assertThat(last.get("fade")).isEqualTo(Value.of(300L));
        assertThat(last.get("detail")).isEqualTo(Value.of("recalled intro: 1 param fading over 300 ms, 1 set at once"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Value.of(0.8).equals(fixture.value("/stage/level")));
        assertThat(seen.size()).isGreaterThan(2);
        assertThat(seen.get(0).set().value()).isEqualTo(Value.of(0.0));
        assertThat(seen.get(seen.size() - 1).set().value()).isEqualTo(Value.of(0.8));
    }

    @Test
    void anUnknownSceneOrABadValueIsRefusedCountedAndShown() throws Exception {
        fixture.set(CONTROL, Value.of("nope"));
        MapValue last = awaitLast("nope");
        assertThat(last.get("status")).isEqualTo(Value.of("refused"));
        assertThat(last.get("detail")).isEqualTo(Value.of("recall nope refused: no scene nope"));

        fixture.set(CONTROL, Value.of(42L));
        await().atMost(Duration.ofSeconds(10)).until(() -> lastValue().get("name").equals(Value.ofNull()));
        assertThat(lastValue().get("detail")).isEqualTo(Value.of(
                "/clasp/scene/recall: expected a scene name or {\"name\": <scene>, \"fade\": <ms>}, not 42"));

        fixture.set(CONTROL, Value.of(Map.of("name", Value.of("intro"), "fade", Value.of("slow"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> lastValue().get("name").equals(Value.of("intro")));
        assertThat(lastValue().get("detail")).isEqualTo(Value.of("recall intro refused: fade must be a number of ms, not \"slow\""));
        assertThat(fixture.value("/stage/label")).isEqualTo(Value.of("outro"));
        assertThat(scenes.list()).endsWith("control address /clasp/scene/recall: 0 recalled, 3 refused; last recall in /clasp/scene/last");
    }

    @Test
    void theValueLeftOnTheControlAddressIsNotRecalledAtStart() throws Exception {
        fixture.set(CONTROL, Value.of("intro"));
        awaitLast("intro");
        fixture.set("/stage/label", Value.of("changed"));
        fixture.stop(scenes);

        SceneComponent again = fixture.start();
        fixture.set(CONTROL, Value.of(Map.of("name", Value.of("missing"))));   // a barrier: handled after anything before it
        awaitLast("missing");
        assertThat(fixture.value("/stage/label")).isEqualTo(Value.of("changed"));
        assertThat(again.list()).endsWith("control address /clasp/scene/recall: 0 recalled, 1 refused; last recall in /clasp/scene/last");
    }

    @Test
    void theControlAddressIsConfigurableAndMustBeOneAddress() throws Exception {
        fixture.stop(scenes);
        SceneComponent desk = fixture.start(Map.of("controlAddress", "/desk/go"));
        fixture.set("/desk/go", Value.of("intro"));
        awaitLast("intro");
        assertThat(desk.list()).contains("control address /desk/go: 1 recalled");

        assertThatThrownBy(() -> fixture.start(Map.of("controlAddress", "/desk/*")))
                .hasMessage("clasp.scene: controlAddress /desk/*: the control address must be one address, not a pattern or /clasp/scene/last");
        assertThatThrownBy(() -> fixture.start(Map.of("controlAddress", "desk")))
                .hasMessage("clasp.scene: controlAddress desk: invalid address: address must start with '/': desk");
    }

    private MapValue awaitLast(String name) {
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.value(SceneRecall.STATUS_ADDRESS) instanceof MapValue m
                && Value.of(name).equals(m.get("name")));
        return lastValue();
    }

    private MapValue lastValue() {
        return (MapValue) fixture.value(SceneRecall.STATUS_ADDRESS);
    }
}
