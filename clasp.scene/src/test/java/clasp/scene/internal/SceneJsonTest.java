package clasp.scene.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scene file format: its exact text, and every value kind read back as it was. */
class SceneJsonTest {
    private static final Instant SAVED = Instant.parse("2026-12-07T18:20:00.123Z");

    @Test
    void everyKindIsWrittenReadablyAndReadBackExactly() throws Exception {
        Scene scene = Scene.of("all", "/show/**", SAVED, Values.everyKind());
        String text = SceneJson.write(List.of(scene));

        assertThat(text).isEqualTo("""
                {
                  "scenes": {
                    "all": {
                      "pattern": "/show/**",
                      "saved": "2026-12-07T18:20:00.123Z",
                      "params": {
                        "/show/array": [1, 2.5, "x", []],
                        "/show/bool": true,
                        "/show/bytes": {
                          "$bytes": "AAH/"
                        },
                        "/show/float": 0.1,
                        "/show/float-tiny": 4.9E-324,
                        "/show/float-whole": 3.0,
                        "/show/infinity": {
                          "$float": "-Infinity"
                        },
                        "/show/int": -9007199254740993,
                        "/show/int-max": 9223372036854775807,
                        "/show/map": {
                          "z": 1,
                          "a": {
                            "$bytes": "Bw=="
                          }
                        },
                        "/show/map-empty": {},
                        "/show/map-like-marker": {
                          "$map": {
                            "$bytes": "not base64!"
                          }
                        },
                        "/show/nan": {
                          "$float": "NaN"
                        },
                        "/show/nan-payload": {
                          "$float": "0x7ff0000000000123"
                        },
                        "/show/negative-zero": -0.0,
                        "/show/null": null,
                        "/show/text": "Front wash \\"warm\\" \u00fc\\n"
                      }
                    }
                  }
                }
                """);
        Scene read = SceneJson.read(text).get(0);
        assertThat(read.params()).containsExactlyEntriesOf(scene.params());
        assertThat(read).isEqualTo(scene);
        assertThat(SceneJson.write(List.of(read))).isEqualTo(text);
    }

    @Test
    void scenesAreWrittenByNameAndAnEmptyLibraryIsAnEmptyObject() throws Exception {
        Scene b = Scene.of("b", "/b", SAVED, Map.of("/b", Value.of(1L)));
        Scene a = Scene.of("a", "/a", SAVED, Map.of("/a", Value.of(2L)));
        assertThat(SceneJson.read(SceneJson.write(List.of(b, a)))).extracting(Scene::name).containsExactly("a", "b");
        assertThat(SceneJson.write(List.of())).isEqualTo("{\n  \"scenes\": {}\n}\n");
        assertThat(SceneJson.read("{\"scenes\": {}}")).isEmpty();
    }

    @Test
    void numbersReadAsTheKindTheirTextSays() throws Exception {
        assertThat(param("1")).isEqualTo(Value.of(1L));
        assertThat(param("-0")).isEqualTo(Value.of(0L));
        assertThat(param("1.0")).isEqualTo(Value.of(1.0));
        assertThat(param("1e3")).isEqualTo(Value.of(1000.0));
        assertThat(param("{\"$float\": \"Infinity\"}")).isEqualTo(Value.of(Double.POSITIVE_INFINITY));
        assertThat(param("{\"$map\": {\"$float\": 1}}")).isEqualTo(Value.of(Map.of("$float", Value.of(1L))));
        assertThat(param("{\"$other\": 1}")).isEqualTo(Value.of(Map.of("$other", Value.of(1L))));
        Map<String, Value> twoKeys = new java.util.LinkedHashMap<>();
        twoKeys.put("$bytes", Value.of(""));
        twoKeys.put("b", Value.of(1L));
        assertThat(param("{\"$bytes\": \"\", \"b\": 1}")).isEqualTo(Value.of(twoKeys));   // a marker has one key only
        assertThatThrownBy(() -> param("1e999")).hasMessage("scene \"s\", param /p: number outside the 64-bit float range");
        assertThatThrownBy(() -> param("{\"$float\": \"nan\"}"))
                .hasMessage("scene \"s\", param /p: \"$float\" must be \"NaN\", \"Infinity\", \"-Infinity\" or \"0x\" and 16 hex digits");
        assertThatThrownBy(() -> param("{\"$map\": 1}")).hasMessage("scene \"s\", param /p: \"$map\" must be an object");
        assertThatThrownBy(() -> param("{\"a\": {\"$bytes\": 7}}")).hasMessage("scene \"s\", param /p.a: \"$bytes\" must be base64 text");
    }

    private static Value param(String json) throws SceneFormatException {
        return SceneJson.read("{\"scenes\": {\"s\": {\"pattern\": \"/p\", \"saved\": \"2026-12-07T18:20:00Z\", \"params\": {\"/p\": "
                + json + "}}}}").get(0).params().get("/p");
    }
}
