package clasp.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps Gogo from reading CLASP address patterns as file name globs. Gogo expands an unquoted word with
 * {@code *} or {@code ?} against the file system and fails when nothing matches
 * ({@code clasp.param:list /mixer/*}: "no matches found"). So, as Karaf does, this switches globbing off
 * ({@value CommandSession#OPTION_NO_GLOB}) in every session that has not set it itself; a session that wants
 * file globs back sets {@code gogo.option.noglob = false}. It is session-wide rather than per command line:
 * a background job ({@code clasp:watch /a/* &}) expands its words after its line has returned.
 * A word that starts with {@code /*} still opens a Gogo comment: quote it ({@code '/**'}).
 */
@Component(service = CommandSessionListener.class)
public final class AddressPatterns implements CommandSessionListener {

    @Override
    public void beforeExecute(CommandSession session, CharSequence commandline) {
        if (session.get(CommandSession.OPTION_NO_GLOB) == null) session.put(CommandSession.OPTION_NO_GLOB, Boolean.TRUE);
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Exception exception) { }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Object result) { }
}
