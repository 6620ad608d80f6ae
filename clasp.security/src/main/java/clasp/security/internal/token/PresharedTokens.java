package clasp.security.internal.token;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pre-shared tokens ({@code cpsk_}) kept in {@code cpsk-tokens.json} in a folder: only the SHA-256 of each token is
 * stored, so the text is shown once, when created. Writes are serialised and atomic; lookups read an immutable
 * snapshot without locking.
 */
public final class PresharedTokens {
    /** The prefix of the token text. */
    public static final String PREFIX = "cpsk_";
    /** The file's name inside the folder. */
    public static final String FILE_NAME = "cpsk-tokens.json";
    /** ERROR 300 text for a {@code cpsk_} token that is not (or no longer) registered. */
    public static final String NOT_FOUND_MESSAGE = "Invalid token: token not found";
    /** ERROR 302 text for a token past its expiry. */
    public static final String EXPIRED_MESSAGE = "Token has expired";
    /** ERROR 300 text for a token without the {@code cpsk_} prefix when this is the only validator. */
    public static final String NOT_MINE_MESSAGE = "Unrecognized token format";
    private static final int FORMAT_VERSION = 1;
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Map<String, Entry> byHash;

    /**
     * Loads the tokens of {@code folder} (none if the file does not exist yet).
     *
     * @throws CorruptTokenFileException when the file cannot be read as a token list; it has been moved aside
     */
    public PresharedTokens(Path folder, Clock clock) throws IOException {
        this.file = folder.resolve(FILE_NAME);
        this.clock = clock;
        this.byHash = Files.exists(file) ? read(file) : Map.of();
    }

    /**
     * Registers a new token.
     *
     * @param subject   who it is for (part of the principal's name)
     * @param scopes    the scopes it grants
     * @param expires   when it stops validating, or null for never
     * @return the token text (shown only now) and its entry
     */
    public synchronized Created create(String subject, List<String> scopes, Instant expires) throws IOException {
        Objects.requireNonNull(subject, "subject");
        String token;
        String hash;
        do {
            byte[] uuid = new byte[16];
            random.nextBytes(uuid);
            uuid[6] = (byte) ((uuid[6] & 0x0f) | 0x40); // version 4
            uuid[8] = (byte) ((uuid[8] & 0x3f) | 0x80); // IETF variant
            token = PREFIX + HEX.formatHex(uuid);
            hash = sha256(token);
        } while (idTaken(hash.substring(0, 8)));
        return add(token, hash, subject, scopes, expires);
    }

    /**
     * Registers a token text chosen elsewhere (e.g. a bootstrap token from configuration); it must start with
     * {@code cpsk_}, as a token without the prefix could never validate.
     *
     * @throws IllegalArgumentException when the prefix is missing, the token is registered already, or its id is taken
     */
    public synchronized Created register(String token, String subject, List<String> scopes, Instant expires)
            throws IOException {
        Objects.requireNonNull(subject, "subject");
        if (!token.startsWith(PREFIX) || token.length() == PREFIX.length()) {
            throw new IllegalArgumentException("a pre-shared token is " + PREFIX + " followed by its secret");
        }
        String hash = sha256(token);
        if (byHash.containsKey(hash)) {
            throw new IllegalArgumentException("this token is registered already (id " + hash.substring(0, 8) + ")");
        }
        if (idTaken(hash.substring(0, 8))) {
            throw new IllegalArgumentException("another token has the id " + hash.substring(0, 8)
                    + "; choose another token text");
        }
        return add(token, hash, subject, scopes, expires);
    }

    private Created add(String token, String hash, String subject, List<String> scopes, Instant expires)
            throws IOException {
        Entry entry = new Entry(hash.substring(0, 8), subject, scopes, clock.instant(), expires);
        Map<String, Entry> next = new LinkedHashMap<>(byHash);
        next.put(hash, entry);
        publish(next);
        return new Created(token, entry);
    }

    /** Every registered token, oldest first (hashes and texts are never shown). */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>(byHash.values());
        entries.sort(Comparator.comparing(Entry::created).thenComparing(Entry::id));
        return entries;
    }

    /** Removes the token with this id, or every token of this subject; returns what was removed (maybe nothing). */
    public synchronized List<Entry> revoke(String idOrSubject) throws IOException {
        Map<String, Entry> next = new LinkedHashMap<>(byHash);
        List<Entry> revoked = new ArrayList<>();
        next.values().removeIf(entry -> {
            boolean match = entry.id().equals(idOrSubject) || entry.subject().equals(idOrSubject);
            if (match) {
                revoked.add(entry);
            }
            return match;
        });
        if (!revoked.isEmpty()) {
            publish(next);
        }
        return revoked;
    }

    /** What a presented token is, without locking. */
    public Lookup lookup(String token) {
        if (!token.startsWith(PREFIX)) {
            return new Lookup(Outcome.NOT_MINE, null);
        }
        Entry entry = byHash.get(sha256(token));
        if (entry == null) {
            return new Lookup(Outcome.NOT_FOUND, null);
        }
        if (entry.expires() != null && clock.instant().isAfter(entry.expires())) {
            return new Lookup(Outcome.EXPIRED, entry);
        }
        return new Lookup(Outcome.VALID, entry);
    }

    private boolean idTaken(String id) {
        return byHash.values().stream().anyMatch(entry -> entry.id().equals(id));
    }

    private void publish(Map<String, Entry> next) throws IOException {
        write(next);
        byHash = Map.copyOf(next);
    }

    private void write(Map<String, Entry> entries) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", FORMAT_VERSION);
        ArrayNode tokens = root.putArray("tokens");
        entries.forEach((hash, entry) -> {
            ObjectNode node = tokens.addObject();
            node.put("id", entry.id());
            node.put("hash", hash);
            node.put("subject", entry.subject());
            entry.scopes().forEach(node.putArray("scopes")::add);
            node.put("created", entry.created().toString());
            node.put("expires", entry.expires() == null ? null : entry.expires().toString());
        });
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private static Map<String, Entry> read(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        try {
            return parse(JSON.readTree(content));
        } catch (JacksonException | IllegalArgumentException | DateTimeParseException e) {
            Path aside = file.resolveSibling(FILE_NAME + ".corrupt-" + System.currentTimeMillis());
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            throw new CorruptTokenFileException("the pre-shared token file " + file + " is not a valid token list ("
                    + e.getMessage() + "); it has been moved to " + aside
                    + " and no pre-shared token validates until it is repaired and moved back"
                    + " or tokens are created anew");
        }
    }

    private static Map<String, Entry> parse(JsonNode root) {
        if (root == null || !root.isObject() || root.path("version").asInt() != FORMAT_VERSION
                || !root.path("tokens").isArray()) {
            throw new IllegalArgumentException("expected {\"version\": " + FORMAT_VERSION + ", \"tokens\": [...]}");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonNode node : root.get("tokens")) {
            String hash = text(node, "hash");
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a hash is not 64 lowercase hex digits");
            }
            List<String> scopes = new ArrayList<>();
            JsonNode scopeNodes = node.path("scopes");
            if (!scopeNodes.isArray()) {
                throw new IllegalArgumentException("token " + hash.substring(0, 8) + " has no scopes array");
            }
            scopeNodes.forEach(scope -> scopes.add(scope.asText()));
            JsonNode expires = node.path("expires");
            Instant expiry = expires.isNull() || expires.isMissingNode() ? null : Instant.parse(expires.asText());
            entries.put(hash, new Entry(text(node, "id"), text(node, "subject"), scopes,
                    Instant.parse(text(node, "created")), expiry));
        }
        return Map.copyOf(entries);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("a token has no text field \"" + field + "\"");
        }
        return value.asText();
    }

    private static String sha256(String token) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * A registered token, without its secret.
     *
     * @param id      the first 8 hex digits of the token's SHA-256, unique among the registered tokens
     * @param subject who it is for
     * @param scopes  what it grants
     * @param created when it was created
     * @param expires when it stops validating, or null for never
     */
    public record Entry(String id, String subject, List<String> scopes, Instant created, Instant expires) {
        public Entry {
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * A new token.
     *
     * @param token the text to hand to the client, not kept anywhere
     * @param entry what is kept
     */
    public record Created(String token, Entry entry) {
        /** The entry's id. */
        public String id() {
            return entry.id();
        }

        @Override
        public String toString() {
            return "Created[id=" + entry.id() + "]";
        }
    }

    /** What a lookup found. */
    public enum Outcome {
        /** Registered and not expired. */
        VALID,
        /** No {@code cpsk_} prefix: another validator may know it. */
        NOT_MINE,
        /** A {@code cpsk_} token that is not registered (or was revoked). */
        NOT_FOUND,
        /** Registered, but past its expiry. */
        EXPIRED
    }

    /**
     * @param outcome the finding
     * @param entry   the registered token for VALID and EXPIRED, else null
     */
    public record Lookup(Outcome outcome, Entry entry) {
        /** The ERROR text for a refusal (§11), null for VALID. */
        public String errorMessage() {
            return switch (outcome) {
                case VALID -> null;
                case NOT_MINE -> NOT_MINE_MESSAGE;
                case NOT_FOUND -> NOT_FOUND_MESSAGE;
                case EXPIRED -> EXPIRED_MESSAGE;
            };
        }

        /** The ERROR code for a refusal: 302 when expired, else 300; 0 for VALID. */
        public int errorCode() {
            return switch (outcome) {
                case VALID -> 0;
                case EXPIRED -> 302;
                case NOT_MINE, NOT_FOUND -> 300;
            };
        }
    }
}
