package clasp.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.jline.terminal.Terminal;

/**
 * {@link CtrlC} on a JLine terminal: its INT handler replaced while the command runs. The handler runs on JLine's
 * signal thread and only sets a volatile flag, which the command polls.
 */
final class TerminalCtrlC extends CtrlC {
    private final Terminal terminal;
    private final Terminal.SignalHandler previous;
    private volatile boolean pressed;

    private TerminalCtrlC(Terminal terminal, CommandSession session, Job job) {
        this.terminal = terminal;
        this.previous = terminal.handle(Terminal.Signal.INT, signal -> {
            if (session.foregroundJob() == job) {
                pressed = true;
            } else {
                passOn(signal);
            }
        });
    }

    /** Null when {@code terminal} is not a JLine terminal. */
    static CtrlC install(Object terminal, CommandSession session, Job job) {
        return terminal instanceof Terminal t ? new TerminalCtrlC(t, session, job) : null;
    }

    private void passOn(Terminal.Signal signal) {
        Terminal.SignalHandler p = previous;
        if (p != null && p != Terminal.SignalHandler.SIG_DFL && p != Terminal.SignalHandler.SIG_IGN) p.handle(signal);
    }

    @Override public boolean pressed() { return pressed; }

    @Override
    public void close() {
        terminal.handle(Terminal.Signal.INT, previous);
    }
}
