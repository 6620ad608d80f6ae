package clasp.bench.load;

import clasp.security.internal.token.PresharedTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Authenticated mode for a runtime the tool starts: {@code etc/clasp.security.cfg} with {@code mode=authenticated} and
 * a pre-shared token in {@code data/security/cpsk-tokens.json} (the runtime's {@code clasp.data} is {@code data} in
 * its working folder), both written before it starts, so its first connection is checked already. The token grants
 * {@code read:/**} and {@code write:/**} and, to make it as large as a real one, filler scopes elsewhere: half of
 * them under {@code /bench} next to the measured topic, so that an index has to tell them apart.
 */
final class RuntimeToken {
    /** The scopes that let the tool's clients do everything they do. */
    static final List<String> GRANTING = List.of("read:/**", "write:/**");

    private RuntimeToken() { }

    /**
     * Writes the security configuration and a token of {@code scopes} scopes in all (at least the two granting ones)
     * into the runtime folder {@code dir}; returns the token text the clients present.
     */
    static String create(Path dir, int scopes) {
        try {
            Path etc = Files.createDirectories(dir.resolve("etc"));
            Files.writeString(etc.resolve("clasp.security.cfg"), "mode=authenticated\n");
            Path folder = Files.createDirectories(dir.resolve("data").resolve("security"));
            return new PresharedTokens(folder, Clock.systemUTC()).create("clasp-bench", scopes(scopes), null).token();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The granting scopes, then fillers up to {@code count}: write scopes under /bench, read scopes elsewhere. */
    static List<String> scopes(int count) {
        List<String> scopes = new ArrayList<>(GRANTING);
        for (int i = 0; scopes.size() < count; i++) {
            scopes.add(i % 2 == 0 ? "write:/bench/filler" + i + "/*|range=0..100" : "read:/panel" + i + "/**");
        }
        return scopes;
    }
}
