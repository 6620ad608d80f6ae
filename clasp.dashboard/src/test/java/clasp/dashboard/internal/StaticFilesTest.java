package clasp.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticFilesTest {
    private final StaticFiles files = new StaticFiles(Map.of(
            "index.html", "<!doctype html>".getBytes(StandardCharsets.UTF_8),
            "js/app.js", "export {}".getBytes(StandardCharsets.UTF_8),
            "vendor/msgpack/index.mjs", "export {}".getBytes(StandardCharsets.UTF_8)));

    @Test
    void theFolderIsThePageAndFilesHaveTheirTypes() {
        assertThat(files.answer("").orElseThrow().contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(files.answer("").orElseThrow().body(), StandardCharsets.UTF_8)).isEqualTo("<!doctype html>");
        assertThat(files.answer("js/app.js").orElseThrow().contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(files.answer("vendor/msgpack/index.mjs").orElseThrow().contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(files.answer("index.html").orElseThrow().headers()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void anythingElseIsNotThere() {
        assertThat(files.answer("../bnd.bnd")).isEmpty();
        assertThat(files.answer("js/")).isEmpty();
        assertThat(files.answer("nothing.css")).isEmpty();
    }
}
