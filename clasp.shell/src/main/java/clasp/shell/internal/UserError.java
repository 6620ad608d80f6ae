package clasp.shell.internal;

/**
 * A request the shell refuses because of what the user typed (unknown type, bad value, no such instance). Its
 * message is one line, shown as the command's result; it carries no stack trace.
 */
public final class UserError extends Exception {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message, null, false, false);
    }
}
