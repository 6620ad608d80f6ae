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
 * that file line for line (a line "…" or "// …" stands for lines left out), a block marked
 * {@code <!-- compiles -->} must compile against clasp.api and the DS annotations, and the block marked
 * {@code <!-- pom: PATH -->} must be that whole file and build, as printed, a bundle of the guide's compiled
 * bridge (with Maven, offline when this build is, from this build's local repository).
 */
class PluginGuideIT {
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- (excerpt: (\\S+)|compiles|pom: (\\S+)) -->\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

    @TempDir
    Path out;

    @Test
    void excerptsAreCopiedFromTheExampleSnippetsCompileAndThePomBuilds() throws IOException, InterruptedException {
        Path root = Path.of(property("clasp.repository.root"));
        String guide = Files.readString(root.resolve("docs/plugin-guide.md"));
        Matcher m = BLOCK.matcher(guide);
        int excerpts = 0;
        List<String> compiled = new ArrayList<>();
        String pom = null;
        String bnd = null;
        while (m.find()) {
            String block = m.group(4);
            List<String> lines = List.of(block.split("\n", -1));
            if (m.group(2) != null) {
                assertExcerpt(root.resolve(m.group(2)), lines);
                if (m.group(2).endsWith("bnd.bnd")) bnd = block;
                excerpts++;
            } else if (m.group(3) != null) {
                assertThat(block + "\n").as("the guide's pom is the whole of " + m.group(3))
                        .isEqualTo(Files.readString(root.resolve(m.group(3))));
                pom = block;
            } else {
                assertCompiles(block);
                compiled.add(block);
            }
        }
        assertThat(excerpts).as("excerpts checked").isGreaterThanOrEqualTo(8);
        assertThat(compiled).as("snippets compiled").isNotEmpty();
        assertThat(pom).as("a <!-- pom: PATH --> block").isNotNull();
        assertBuilds(pom, bnd, compiled.get(0));
    }

    /**
     * The guide's pom and bnd.bnd, with its first compiled snippet as the only class, built by {@code mvn package}
     * into a bundle whose DS component is that class.
     */
    private void assertBuilds(String pom, String bnd, String code) throws IOException, InterruptedException {
        Path project = out.resolve("guide-project");
        Matcher type = Pattern.compile("public class (\\w+)").matcher(code);
        Matcher pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(code);
        assertThat(type.find() && pkg.find()).as("a package and a public class in%n%s", code).isTrue();
        Path dir = project.resolve("src/main/java").resolve(pkg.group(1).replace('.', '/'));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(type.group(1) + ".java"), code);
        Files.writeString(project.resolve("pom.xml"), pom + "\n");
        if (bnd != null) Files.writeString(project.resolve("bnd.bnd"), bnd + "\n");
        Maven.run(project, "guide-build", "package");
        Path jar;
        try (java.util.stream.Stream<Path> jars = Files.list(project.resolve("target"))) {
            jar = jars.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        try (java.util.jar.JarFile built = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Attributes main = built.getManifest().getMainAttributes();
            String component = "OSGI-INF/" + pkg.group(1) + "." + type.group(1) + ".xml";
            assertThat(main.getValue("Service-Component")).as("Service-Component of " + jar).isEqualTo(component);
            assertThat(built.getEntry(component)).as(component + " in " + jar).isNotNull();
            assertThat(main.getValue("Import-Package")).as("Import-Package of " + jar).contains("clasp.api.bridge;version=\"[1.1,2)\"");
        }
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
