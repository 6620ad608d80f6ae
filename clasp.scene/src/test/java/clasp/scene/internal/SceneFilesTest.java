package clasp.scene.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scene files: export and import, refused imports, and scenes kept across a restart of the component. */
class SceneFilesTest {
    @TempDir Path folder;
    private RouterFixture fixture;
    private SceneComponent scenes;

    @BeforeEach
    void start() throws Exception {
        fixture = new RouterFixture(folder.resolve("scenes"));
        scenes = fixture.start();
        for (var e : Values.everyKind().entrySet()) fixture.set(e.getKey(), e.getValue());
        fixture.set("/desk/1", Value.of(0.5));
        scenes.save("show", "/show/**");
        scenes.save("desk", "/desk/*");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void anExportImportedAgainExportsTheSameBytesAndRecallsTheSameValues() throws Exception {
        Path first = folder.resolve("first.json");
        assertThat(scenes.export(first.toString())).isEqualTo("exported 2 scenes to " + first);
        assertThat(Files.readString(first)).startsWith("{\n  \"scenes\": {\n    \"desk\": {\n      \"pattern\": \"/desk/*\",\n");
        assertThat(scenes.delete("show")).isEqualTo("deleted show");
        assertThat(scenes.delete("desk")).isEqualTo("deleted desk");

        assertThat(scenes._import(first.toString())).isEqualTo("imported 2 scenes from " + first + ": 2 new, 0 replaced");
        Path second = folder.resolve("second.json");
        scenes.export(second.toString());
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(scenes._import(second.toString())).isEqualTo("imported 2 scenes from " + second + ": 0 new, 2 replaced");

        for (String address : Values.everyKind().keySet()) fixture.set(address, Value.of(0L));
        assertThat(scenes.recall("show")).isEqualTo("recalled show: " + Values.everyKind().size() + " params");
        for (var e : Values.everyKind().entrySet()) assertThat(fixture.value(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }

    @Test
    void aMalformedImportNamesWhereAndChangesNothing() throws Exception {
        Map<String, String> before = files();
        String list = scenes.list();
        String valid = "{\"scenes\": {\"new\": {\"pattern\": \"/a\", \"saved\": \"2026-12-07T18:20:00Z\", \"params\": {\"/a\": 1}}, ";
        assertRefused("{\n  \"scenes\": {\n    \"x\": {\n      \"pattern\": \"/a\",\n  }",
                "line 5, column 3: Unexpected character ('}' (code 125)): was expecting double-quote to start field name");
        assertRefused("{\"scenes\": {\"a\": {}, \"a\": {}}}", "line 1, column 25: Duplicate field 'a'");
        assertRefused(valid + "\"show\": {\"pattern\": \"/show/**\", \"saved\": \"2026-12-07T18:20:00Z\", "
                + "\"params\": {\"/show/bytes\": {\"$bytes\": \"%%%\"}}}}}",
                "scene \"show\", param /show/bytes: \"$bytes\" must be base64 text");
        assertRefused(valid + "\"x\": {\"pattern\": \"/a\", \"saved\": \"2026-12-07T18:20:00Z\", \"parms\": {}}}}",
                "scene \"x\": unknown key \"parms\" (a scene has pattern, saved and params)");
        assertRefused("{\"scenes\": {\"a b\": {}}}", "scenes: invalid scene name \"a b\": use 1-64 characters of A-Z a-z 0-9 . _ -");
        assertRefused(valid + "\"x\": {\"pattern\": \"/a\", \"saved\": \"2026-12-07T18:20:00Z\", \"params\": {\"/a\": [1, 99999999999999999999]}}}}",
                "scene \"x\", param /a[1]: integer outside the 64-bit range");
        assertRefused(valid + "\"x\": {\"pattern\": \"/a\", \"saved\": \"yesterday\", \"params\": {}}}}",
                "scene \"x\", saved: not an ISO-8601 UTC time such as 2026-12-07T18:20:00.123Z");
        assertRefused(valid + "\"x\": {\"pattern\": \"/a\", \"saved\": \"2026-12-07T18:20:00Z\", \"params\": {\"a\": 1}}}}",
                "scene \"x\", params: invalid address: address must start with '/': a");
        assertRefused("", "the file is empty");
        assertRefused("[]", "the file must hold one object with the one key \"scenes\"");
        assertRefused("{\"scenes\": {}} {}", "line 1, column 16: more text after the end of the file's object");
        Path missing = folder.resolve("missing.json");
        assertThat(scenes._import(missing.toString())).startsWith("import refused, nothing changed: cannot read " + missing + ": ");

        assertThat(scenes.list()).isEqualTo(list);
        assertThat(files()).isEqualTo(before);
    }

    private void assertRefused(String text, String why) throws IOException {
        Path file = folder.resolve("bad.json");
        Files.writeString(file, text);
        assertThat(scenes._import(file.toString())).isEqualTo("import refused, nothing changed: " + file + ": " + why);
    }

    @Test
    void scenesOutliveARestartAndNoThreadIsLeft() throws Exception {
        String list = scenes.list();
        fixture.set("/clasp/scene/recall", Value.of("desk"));   // the control address starts its thread
        await().atMost(Duration.ofSeconds(10)).until(() -> !recallThreads().isEmpty() || scenes.list().contains("1 recalled"));
        fixture.stop(scenes);
        // the executor has terminated when stop returns; its thread object ends a moment after its last task
        await().atMost(Duration.ofSeconds(5)).until(() -> recallThreads().isEmpty());
        Files.writeString(fixture.scenes.resolve("broken.json"), "{\"scenes\": ");
        Files.writeString(fixture.scenes.resolve("other.json"), Files.readString(fixture.scenes.resolve("desk.json")));
        Files.writeString(fixture.scenes.resolve(".desk.json.tmp"), "left by a crash");

        SceneComponent again = fixture.start();

        assertThat(again.list().lines().limit(3)).containsExactlyElementsOf(list.lines().limit(3).toList());
        fixture.set("/desk/1", Value.of(0.9));
        assertThat(again.recall("desk")).isEqualTo("recalled desk: 1 param");
        assertThat(fixture.value("/desk/1")).isEqualTo(Value.of(0.5));
        assertThat(again.show("broken")).isEqualTo("no scene broken");
        assertThat(again.show("other")).isEqualTo("no scene other");
        assertThat(fixture.scenes.resolve("broken.json")).exists();
    }

    private static java.util.List<String> recallThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("clasp-scene-")).toList();
    }

    private Map<String, String> files() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.list(fixture.scenes)) {
            for (Path p : all.toList()) out.put(p.getFileName().toString(), Files.readString(p));
        }
        return out;
    }
}
