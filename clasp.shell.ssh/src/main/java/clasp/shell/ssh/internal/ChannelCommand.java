package clasp.shell.ssh.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an SSH channel runs: Gogo, on a thread of its own started by {@link #start}, with the channel's streams; its
 * exit status goes back to the client once. SSHD sets the streams and the callback before {@code start}, on its own
 * threads; {@link #destroy} comes when the channel closes, from either side.
 */
abstract class ChannelCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelCommand.class);

    protected final CommandProcessor processor;
    private final SessionThreads threads;
    private final String kind;
    private final AtomicBoolean exited = new AtomicBoolean();
    protected InputStream in;
    protected OutputStream out;
    protected OutputStream err;
    private ExitCallback exitCallback;
    private volatile Thread thread;

    ChannelCommand(CommandProcessor processor, SessionThreads threads, String kind) {
        this.processor = processor;
        this.threads = threads;
        this.kind = kind;
    }

    @Override public void setInputStream(InputStream in) { this.in = in; }
    @Override public void setOutputStream(OutputStream out) { this.out = out; }
    @Override public void setErrorStream(OutputStream err) { this.err = err; }
    @Override public void setExitCallback(ExitCallback callback) { this.exitCallback = callback; }

    @Override
    public void start(ChannelSession channel, Environment env) {
        SshUser user = SshUser.of(channel.getServerSession());
        thread = threads.start(kind, () -> {
            int status = 1;
            try {
                status = run(channel, env, user);
            } catch (RuntimeException | Error e) {
                LOG.warn("SSH {} of {} failed", kind, user.auditName(), e);
            } finally {
                exit(status);
            }
        });
    }

    /** Runs the channel's work on its thread; the exit status to send. */
    protected abstract int run(ChannelSession channel, Environment env, SshUser user);

    /** Sends {@code status} and closes the channel, once; later calls do nothing. */
    protected final void exit(int status) {
        if (exited.compareAndSet(false, true)) exitCallback.onExit(status);
    }

    /** Ends what {@link #run} is doing, from another thread: the channel closed. */
    protected abstract void closed();

    @Override
    public void destroy(ChannelSession channel) {
        exited.set(true);   // the channel is gone: nothing to send an exit status to
        closed();
        Thread t = thread;
        if (t != null) t.interrupt();
    }
}
