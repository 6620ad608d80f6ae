package clasp.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellModeTest {

    @Test
    void headlessWithoutTerminal() {
        assertThat(ShellMode.headless(null, null, false)).isTrue();
        assertThat(ShellMode.headless(null, null, true)).isFalse();
    }

    @Test
    void propertyOverridesDetection() {
        assertThat(ShellMode.headless(null, "true", true)).isTrue();
        assertThat(ShellMode.headless(null, "false", false)).isFalse();
    }

    @Test
    void explicitGoshArgsAreLeftAlone() {
        assertThat(ShellMode.headless("--login", null, false)).isFalse();
        assertThat(ShellMode.headless("--login", "true", true)).isFalse();
    }

    @Test
    void headlessGogoHasNoSessionAndAnEmptyProfile(@TempDir Path goshHome) throws IOException {
        Map<String, String> properties = ShellMode.headlessProperties(goshHome);

        assertThat(properties)
                .containsEntry("gosh.args", "--nointeractive --noshutdown")
                .containsEntry("gosh.home", goshHome.toString());
        assertThat(Files.readAllLines(goshHome.resolve("etc/gosh_profile"))).allMatch(line -> line.startsWith("#"));
    }
}
