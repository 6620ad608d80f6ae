package clasp.security.internal.audit;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Component;

/** Writes every command an admin runs in the Gogo shell (console or remote) to the audit log, before it runs. */
@Component(service = CommandSessionListener.class)
public final class CommandAudit implements CommandSessionListener {
    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        Object user = session.get("USER");
        AdminAudit.command(user == null ? System.getProperty("user.name", "console") : user.toString(), command.toString());
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        if (exception != null) AdminAudit.commandRefused(command.toString(), String.valueOf(exception.getMessage()));
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) { }
}
