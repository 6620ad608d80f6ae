package clasp.shell.internal;

import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps Gogo from reading CLASP address patterns as file name globs. Gogo expands an unquoted word with
 * {@code *} or {@code ?} against the file system and fails on no match ({@code clasp.param:list /mixer/*}:
 * "no matches found"). For a command line that calls a {@code clasp:} or {@code clasp.<area>:} command, this
 * switches globbing off ({@value CommandSession#OPTION_NO_GLOB}) while the line runs, and restores it after.
 * A word that starts with {@code /*} still opens a Gogo comment: quote it ({@code '/**'}).
 */
@Component(service = CommandSessionListener.class)
public final class AddressPatterns implements CommandSessionListener {
    private static final Pattern CLASP_COMMAND = Pattern.compile("(^|[\\s;|&({\\[])clasp(\\.[A-Za-z]+)?:[A-Za-z]");
    /** Marks a session whose globbing this listener switched off, so that only this listener switches it on. */
    static final String MARK = ".clasp.noglob";

    static boolean callsClasp(CharSequence line) {
        return line != null && CLASP_COMMAND.matcher(line).find();
    }

    @Override
    public void beforeExecute(CommandSession session, CharSequence commandline) {
        if (!callsClasp(commandline) || session.get(CommandSession.OPTION_NO_GLOB) != null) return;
        session.put(CommandSession.OPTION_NO_GLOB, Boolean.TRUE);
        session.put(MARK, Boolean.TRUE);
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Exception exception) {
        restore(session);
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Object result) {
        restore(session);
    }

    private static void restore(CommandSession session) {
        if (session.get(MARK) == null) return;
        session.put(MARK, null);
        session.put(CommandSession.OPTION_NO_GLOB, null);
    }
}
