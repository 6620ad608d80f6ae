package clasp.shell.ssh.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * {@code ssh router 'clasp:status'}: one Gogo command line in a session of its own, its output and then its result
 * as the console prints it (INSPECT), an error as the console shows it ({@code exception.toString()}, on stderr).
 * Exit status 0 when the line ran, 1 when it failed.
 */
final class ExecCommand extends ChannelCommand {
    private final String line;
    private volatile CommandSession session;

    ExecCommand(CommandProcessor processor, SessionThreads threads, String line) {
        super(processor, threads, "exec");
        this.line = line;
    }

    @Override
    protected int run(ChannelSession channel, Environment env, SshUser user) {
        // With a terminal (ssh -t) the client shows output raw: lines need CR LF.
        boolean terminal = PtyAttributes.requested(env);
        PrintStream output = print(out, terminal);
        PrintStream errors = print(err, terminal);
        try (CommandSession s = processor.createSession(in, output, errors)) {
            session = s;
            user.identify(s);
            Object result = s.execute(line);
            if (result != null) output.println(s.format(result, Converter.INSPECT));
            return 0;
        } catch (Exception e) {
            errors.println(e);
            return 1;
        } finally {
            output.flush();
            errors.flush();
        }
    }

    @Override
    protected void closed() {
        CommandSession s = session;
        if (s != null) s.close();
    }

    private static PrintStream print(OutputStream stream, boolean crlf) {
        return new PrintStream(crlf ? new CrLfOutputStream(stream) : stream, true, StandardCharsets.UTF_8);
    }
}
