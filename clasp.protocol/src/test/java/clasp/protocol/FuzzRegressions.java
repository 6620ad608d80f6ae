package clasp.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The inputs of a regression folder on the test class path: one {@code .hex} file per input, sorted by name. */
public final class FuzzRegressions {
    private FuzzRegressions() { }

    public static List<FuzzInput> load(Class<?> anchor, String folder) {
        URL url = anchor.getResource(folder);
        if (url == null) throw new IllegalStateException("no regression folder " + folder + " beside " + anchor.getName());
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".hex")).sorted()
                    .map(p -> FuzzInput.fromHexFile(read(p), p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
