package clasp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.fileinstall.shaded.util.properties.TypedProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files must read back, with the reader fileinstall uses, to exactly the values written. */
class CfgFilesTest {
    @TempDir
    Path etc;

    /** What fileinstall 3.7.4 reads from a .cfg file (ConfigInstaller.setConfig, without substitution callback). */
    private static Map<String, Object> fileinstallReads(Path file) throws IOException {
        TypedProperties p = new TypedProperties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        Map<String, Object> out = new HashMap<>();
        for (String k : p.keySet()) out.put(k, p.get(k));
        return out;
    }

    @Test
    void typedValuesReadBackAsWritten() throws IOException {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("host", "127.0.0.1");
        props.put("port", 7331);
        props.put("epoll", false);
        props.put("expiry", 86_400_000_000L);
        props.put("rate", 29.97);
        props.put("gain", 0.5f);
        props.put("sep", '/');
        props.put("small", (short) 3);
        props.put("tiny", (byte) -2);
        props.put("topics", new String[] {"a/#", "b,c", ""});
        props.put("ports", new Integer[] {80, 443});
        props.put("none", new String[0]);
        props.put("raw", new int[] {1, 2});
        props.put("clasp.transport.id", "it2");
        props.put("felix.fileinstall.filename", "file:/elsewhere");
        Path file = CfgFiles.file(etc, "clasp.transport.websocket", "it2");
        CfgFiles.write(file, List.of(), "clasp.transport:create", props);

        assertThat(file.getFileName().toString()).isEqualTo("clasp.transport.websocket-it2.cfg");
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).startsWith(String.join("\n",
                "# written by clasp.transport:create",
                "clasp.transport.id = \"it2\"",
                "epoll = B\"false\"",
                "expiry = L\"86400000000\"",
                "gain = F\"0.5\"",
                "host = \"127.0.0.1\"",
                "none = [ ]",
                "port = I\"7331\"",
                "ports = I[ \"80\", \"443\" ]",
                "rate = D\"29.97\"",
                "raw = i[ \"1\", \"2\" ]",
                "sep = C\"/\"",
                "small = S\"3\"",
                "tiny = X\"-2\"",
                "topics = [ \"a/#\", \"b,c\", \"\" ]", ""));

        Map<String, Object> read = fileinstallReads(file);
        Map<String, Object> expected = new HashMap<>(props);
        expected.remove("felix.fileinstall.filename"); // fileinstall adds its own
        assertThat(read.keySet()).isEqualTo(expected.keySet());
        for (String key : expected.keySet()) assertThat(read.get(key)).as(key).isEqualTo(expected.get(key));
    }

    @Test
    void awkwardStringsSurviveBothLevelsOfUnescaping() throws IOException {
        String awkward = "back\\slash \"quoted\" = # ! : tab\tnew\nline \u00e9 \u20ac  trailing  ";
        Path file = etc.resolve("clasp.bridge.demo-x.cfg");
        CfgFiles.write(file, List.of(), "clasp.bridge:create", Map.of("s", awkward, "lead", "  lead"));
        assertThat(fileinstallReads(file)).containsEntry("s", awkward).containsEntry("lead", "  lead");
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1).chars()).allMatch(c -> c >= 0x0a && c < 0x7f);
    }

    @Test
    void rewritingKeepsTheHeaderButNotTheOldWrittenByLine() throws IOException {
        Path file = etc.resolve("clasp.transport.websocket-default.cfg");
        Files.writeString(file, "# The WebSocket listener.\n# Edit me.\nhost=0.0.0.0\nport=7330\n");
        List<String> header = CfgFiles.header(file);
        assertThat(header).containsExactly("# The WebSocket listener.", "# Edit me.");
        CfgFiles.write(file, header, "clasp.transport:update", Map.of("host", "0.0.0.0", "port", 7331));
        assertThat(Files.readString(file)).isEqualTo(String.join("\n",
                "# The WebSocket listener.", "# Edit me.", "# written by clasp.transport:update",
                "host = \"0.0.0.0\"", "port = I\"7331\"", ""));
        CfgFiles.write(file, CfgFiles.header(file), "clasp.transport:update", Map.of("port", 7332));
        assertThat(Files.readString(file)).startsWith("# The WebSocket listener.\n# Edit me.\n# written by clasp.transport:update\nport");
        assertThat(CfgFiles.header(etc.resolve("missing.cfg"))).isEmpty();
    }

    @Test
    void theFilenamePropertyIsTheFilesUriAsFileinstallWritesIt() {
        Path file = etc.resolve("clasp.bridge.demo-a.cfg");
        String key = CfgFiles.key(file);
        assertThat(key).isEqualTo(file.toAbsolutePath().toFile().toURI().toString()).startsWith("file:/");
        assertThat(CfgFiles.fromKey(key)).isEqualTo(file.toAbsolutePath());
        assertThat(CfgFiles.fromKey("not a uri")).isNull();
        assertThat(CfgFiles.fromKey(null)).isNull();
        assertThat(CfgFiles.etc(null)).isEqualTo(Path.of("etc").toAbsolutePath());
        assertThat(CfgFiles.etc("/srv/etc")).isEqualTo(Path.of("/srv/etc"));
    }

    @Test
    void theDashboardsFileNamesItAndHasNoHeader() {
        assertThat(CfgFiles.text(List.of(), "the dashboard", new LinkedHashMap<>(Map.of("port", 9001, "peers", new String[] {"a", "b\\c"},
                "replyToSender", true, "clasp.bridge.id", "stage", "felix.fileinstall.filename", "file:/x"))))
                .isEqualTo("""
                        # written by the dashboard
                        clasp.bridge.id = "stage"
                        peers = [ "a", "b\\\\\\\\c" ]
                        port = I"9001"
                        replyToSender = B"true"
                        """);
    }
}
