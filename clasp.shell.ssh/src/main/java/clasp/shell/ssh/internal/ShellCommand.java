package clasp.shell.ssh.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.jline.terminal.Size;
import org.osgi.framework.BundleContext;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ssh router}: the console's interactive shell on the channel. A JLine terminal over the channel's streams,
 * sized and set up from the client's pty request, runs Gogo's own shell (gogo.jline's {@link Shell}: prompt, line
 * editing, history, completion, Ctrl-C to the foreground command) as a login shell that never stops the framework
 * when it ends. Its login profile is {@code <gosh.home>/etc/gosh_ssh_profile} if there is one (the console's profile
 * is not read: it registers commands for the whole framework). {@code exit} and {@code logout} end the SSH session,
 * and so does Ctrl-D at the prompt.
 */
final class ShellCommand extends ChannelCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ShellCommand.class);

    /** A login shell (the same Gogo session), without the console's history file, never stopping the framework. */
    private static final String[] GOSH = {"--login", "--noshutdown", "--nohistory"};
    static final String PROFILE = "gosh_ssh_profile";
    static final String PROMPT = "g! ";

    private final BundleContext context;
    private volatile Terminal terminal;

    ShellCommand(CommandProcessor processor, SessionThreads threads, BundleContext context) {
        super(processor, threads, "shell");
        this.context = context;
    }

    @Override
    protected int run(ChannelSession channel, Environment env, SshUser user) {
        try (Terminal t = terminal(env)) {
            terminal = t;
            env.addSignalListener((c, signal) -> resized(t, env), Signal.WINCH);
            try (CommandSession session = processor.createSession(t.input(), t.output(), t.output())) {
                user.identify(session);
                session.put(".terminal", t);
                Shell shell = new Shell(shellContext(), processor, PROFILE);
                Function leave = (s, arguments) -> {
                    shell.stop();   // the shell ends once this command is done, and the session with it
                    return null;
                };
                session.put("exit", leave);
                session.put("logout", leave);
                session.put(Shell.VAR_PROMPT, PROMPT);
                shell.gosh(session, GOSH.clone());
                return 0;
            }
        } catch (InterruptedIOException | InterruptedException closed) {
            return 0;
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) return 0;   // the channel closed under the shell
            LOG.warn("SSH shell of {} ended with an error", user.auditName(), e);
            return 1;
        }
    }

    /** What gogo.jline's shell asks of its host: framework properties (gosh.home); it never exits the framework. */
    private Shell.Context shellContext() {
        return new Shell.Context() {
            @Override public String getProperty(String name) { return context.getProperty(name); }
            @Override public void exit() { throw new UnsupportedOperationException("the SSH shell does not stop the framework"); }
        };
    }

    @Override
    protected void closed() {
        Terminal t = terminal;
        if (t == null) return;
        try {
            t.close();
        } catch (IOException e) {
            LOG.debug("closing the SSH terminal", e);
        }
    }

    private Terminal terminal(Environment env) throws IOException {
        Map<String, String> vars = env.getEnv();
        Map<PtyMode, Integer> modes = env.getPtyModes();
        return TerminalBuilder.builder()
                .name("ssh")
                .system(false)
                .streams(in, out)
                .encoding(StandardCharsets.UTF_8)
                .type(vars.getOrDefault(Environment.ENV_TERM, "dumb"))
                .size(size(env))
                .attributes(PtyAttributes.of(modes, PtyAttributes.requested(env)))
                .build();
    }

    private static void resized(Terminal t, Environment env) {
        t.setSize(size(env));
        t.raise(Terminal.Signal.WINCH);
    }

    private static Size size(Environment env) {
        return new Size(number(env.getEnv().get(Environment.ENV_COLUMNS), 80), number(env.getEnv().get(Environment.ENV_LINES), 24));
    }

    private static int number(String text, int otherwise) {
        try {
            int n = text == null ? 0 : Integer.parseInt(text.trim());
            return n > 0 ? n : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
