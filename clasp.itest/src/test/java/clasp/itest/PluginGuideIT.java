package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/plugin-guide.md true to the code: a block marked {@code <!-- excerpt: PATH -->} must appear in
 * that file line for line (a line "…" or "// …" stands for lines left out), and a block marked
 * {@code <!-- compiles -->} must compile against clasp.api and the DS annotations.
 */
class PluginGuideIT {
    private static final Pattern BLOCK = Pattern.compile("<!-- (excerpt: (\\S+)|compiles) -->\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

    @TempDir
    Path out;

    @Test
    void excerptsAreCopiedFromTheExampleAndSnippetsCompile() throws IOException {
        Path root = Path.of(property("clasp.repository.root"));
        String guide = Files.readString(root.resolve("docs/plugin-guide.md"));
        Matcher m = BLOCK.matcher(guide);
        int excerpts = 0;
        int compiled = 0;
        while (m.find()) {
            List<String> lines = List.of(m.group(3).split("\n", -1));
            if (m.group(2) != null) {
                assertExcerpt(root.resolve(m.group(2)), lines);
                excerpts++;
            } else {
                assertCompiles(m.group(3));
                compiled++;
            }
        }
        assertThat(excerpts).as("excerpts checked").isGreaterThanOrEqualTo(8);
        assertThat(compiled).as("snippets compiled").isGreaterThanOrEqualTo(1);
    }

    /** The block's runs of lines between elisions appear in {@code file}, each contiguous, in order. */
    private static void assertExcerpt(Path file, List<String> block) throws IOException {
        List<String> source = Files.readAllLines(file);
        List<List<String>> runs = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : block) {
            String t = line.trim();
            if (t.equals("…") || t.equals("// …")) {
                runs.add(run);
                run = new ArrayList<>();
            } else {
                run.add(line.stripTrailing());
            }
        }
        runs.add(run);
        int from = 0;
        for (List<String> r : runs) {
            if (r.isEmpty()) continue;
            int at = indexOf(source, r, from);
            assertThat(at).as("in %s, from line %d on, the guide's lines%n%s", file, from + 1, String.join("\n", r))
                    .isNotNegative();
            from = at + r.size();
        }
    }

    private static int indexOf(List<String> source, List<String> run, int from) {
        for (int i = from; i + run.size() <= source.size(); i++) {
            boolean all = true;
            for (int j = 0; j < run.size() && all; j++) {
                all = source.get(i + j).stripTrailing().equals(run.get(j));
            }
            if (all) return i;
        }
        return -1;
    }

    private void assertCompiles(String code) throws IOException {
        Matcher type = Pattern.compile("public class (\\w+)").matcher(code);
        assertThat(type.find()).as("a public class in%n%s", code).isTrue();
        Matcher pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(code);
        Path dir = pkg.find() ? out.resolve("src").resolve(pkg.group(1).replace('.', '/')) : out.resolve("src");
        Files.createDirectories(dir);
        Path source = Files.writeString(dir.resolve(type.group(1) + ".java"), code);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, "--release", "17", "-proc:none",
                "-classpath", property("clasp.guide.classpath"), "-d", out.resolve("classes").toString(), source.toString());
        assertThat(rc).as("javac on the guide's %s:%n%s", type.group(1), errors).isZero();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) throw new IllegalStateException("system property " + name + " is not set (clasp.itest's pom sets it)");
        return value;
    }
}
