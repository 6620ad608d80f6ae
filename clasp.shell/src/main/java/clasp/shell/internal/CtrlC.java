package clasp.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;

/**
 * Lets a command that runs until Ctrl-C end by itself when Ctrl-C is pressed. Gogo's own handler interrupts the
 * foreground job, and Gogo's job runner then reports that interrupt as the command's failure (the terminal shows
 * {@code java.lang.InterruptedException}) whatever the command does. While installed, the terminal's handler
 * only sets {@link #pressed()} when this command is the foreground job, and passes the signal on otherwise (to
 * a foreground command while this one runs in the background). Without a terminal (a headless runtime, a piped
 * session) it never fires, and an interrupt still stops the command.
 */
public abstract class CtrlC implements AutoCloseable {
    /** The session variable under which gogo.jline keeps the session's terminal. */
    static final String TERMINAL = ".terminal";

    private static final CtrlC NONE = new CtrlC() {
        @Override public boolean pressed() { return false; }
        @Override public void close() { }
    };

    /** Takes over Ctrl-C of {@code session}'s terminal, if it has one, for the calling command. */
    public static CtrlC install(CommandSession session) {
        Object terminal = session == null ? null : session.get(TERMINAL);
        Job job = Job.Utils.current();
        if (terminal == null || job == null) return NONE;
        try {
            CtrlC installed = TerminalCtrlC.install(terminal, session, job);
            return installed == null ? NONE : installed;
        } catch (LinkageError noJline) {
            return NONE; // the optional import of org.jline is not wired
        }
    }

    /** True once Ctrl-C was pressed while the command was in the foreground. */
    public abstract boolean pressed();

    /** Gives Ctrl-C back to the handler it had before. */
    @Override
    public abstract void close();
}
