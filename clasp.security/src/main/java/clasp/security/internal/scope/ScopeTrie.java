package clasp.security.internal.scope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Wildcard scopes indexed by their literal leading segments (those before the first segment holding one of
 * {@code *?[{\!}): a glob can only match an address (or cover a pattern) that starts with the same segments, so a
 * check walks the address's segments from the root and tests only the scopes filed on that path. Built once, then
 * read-only, so safe to share between threads.
 */
final class ScopeTrie {
    private static final String GLOB_CHARS = "*?[{\\!";

    private final Node root = new Node();

    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<FiledScope> scopes = new ArrayList<>();
    }

    void add(Scope scope) {
        Node node = root;
        for (String segment : scope.pattern().substring(1).split("/", -1)) {
            if (hasGlobChar(segment)) break;
            node = node.children.computeIfAbsent(segment, k -> new Node());
        }
        node.scopes.add(FiledScope.of(scope));
    }

    /**
     * Offers {@code test} the scopes filed on the path of {@code address}, root first, until one answers true.
     *
     * @return whether one answered true; false at once for a text not starting with '/', which no scope pattern matches
     */
    boolean anyOnPath(String address, Predicate<FiledScope> test) {
        if (address == null || address.isEmpty() || address.charAt(0) != '/') return false;
        Node node = root;
        int start = 1;
        while (true) {
            for (FiledScope scope : node.scopes) if (test.test(scope)) return true;
            if (start > address.length()) return false;
            int slash = address.indexOf('/', start);
            int end = slash < 0 ? address.length() : slash;
            node = node.children.get(address.substring(start, end));
            if (node == null) return false;
            start = end + 1;
        }
    }

    private static boolean hasGlobChar(String segment) {
        for (int i = 0; i < segment.length(); i++) if (GLOB_CHARS.indexOf(segment.charAt(i)) >= 0) return true;
        return false;
    }
}
