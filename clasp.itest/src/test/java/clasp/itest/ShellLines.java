package clasp.itest;

import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/** Gogo command lines run as the shell runs them, and checks on the text they print. */
final class ShellLines {
    private ShellLines() {
    }

    /** Runs a command line as the shell does: what it printed, then its result as the shell formats it. */
    static String run(CommandProcessor processor, String line) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(line);
            out.flush();
            String printed = bytes.toString(StandardCharsets.UTF_8);
            return printed + (result == null ? "" : session.format(result, Converter.INSPECT));
        }
    }

    /** Fails unless a whole line of {@code text} matches {@code regex}. */
    static void assertLine(String regex, String text) {
        assertTrue("no line matching " + regex + " in:\n" + text, Pattern.compile("(?m)^" + regex + "$").matcher(text).find());
    }
}
