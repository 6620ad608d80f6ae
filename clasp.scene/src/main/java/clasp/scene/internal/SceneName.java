package clasp.scene.internal;

import java.util.regex.Pattern;

/** What a scene may be called: 1 to 64 of {@code A-Z a-z 0-9 . _ -}, so that a name is also a safe file name. */
final class SceneName {
    static final String RULE = "1-64 characters of A-Z a-z 0-9 . _ -";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SceneName() { }

    /** Why {@code name} cannot name a scene, or null when it can. */
    static String problem(String name) {
        if (name != null && VALID.matcher(name).matches() && !name.equals(".") && !name.equals("..")) return null;
        return "invalid scene name \"" + name + "\": use " + RULE;
    }
}
