package clasp.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import clasp.api.router.ParamState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shell's Gogo services in a real Gogo command processor (the runtime's, outside a framework): how Gogo
 * parses the arguments the commands rely on, the glob switch, and the converter's output as the shell prints it.
 */
class GogoShellTest {
    /** A command that shows what Gogo passed. */
    public static final class Echo {
        public String echo(String pattern) { return "<" + pattern + ">"; }

        public String value(Object value) throws UserError { return ValueSyntax.format(ValueSyntax.fromShell(value)); }

        public ParamState param() { return new ParamState("/a", Value.of(1L), 2, "s-1", 0, null); }
    }

    private ThreadIOImpl threadIO;
    private CommandProcessorImpl processor;
    private CommandSession session;

    @BeforeEach
    void start() {
        threadIO = new ThreadIOImpl();
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        processor.addCommand("clasp.test", new Echo(), "echo");
        processor.addCommand("clasp.test", new Echo(), "value");
        processor.addCommand("clasp.test", new Echo(), "param");
        processor.addCommand("other", new Echo(), "echo");
        processor.addConverter(new ShellConverter(ZoneOffset.UTC));
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
    }

    @AfterEach
    void stop() {
        session.close();
        threadIO.stop();
    }

    @Test
    void withoutTheListenerGogoGlobsAddressPatternsAgainstFiles() {
        assertThatThrownBy(() -> session.execute("clasp.test:echo /no/such/dir/**")).hasMessageContaining("no matches found");
    }

    @Test
    void withItAddressPatternsStayPatterns() throws Exception {
        processor.addListener(new AddressPatterns());
        assertThat(session.execute("clasp.test:echo /no/such/dir/**")).isEqualTo("</no/such/dir/**>");
        assertThat(session.execute("clasp.test:echo /w/*/level")).isEqualTo("</w/*/level>");
        assertThat(session.execute("other:echo /a/?")).isEqualTo("</a/?>");
        // a word that starts with /* opens a Gogo comment: quoted, it is a pattern
        assertThat(session.execute("clasp.test:echo '/**'")).isEqualTo("</**>");
        assertThat(session.get(CommandSession.OPTION_NO_GLOB)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void aSessionThatWantsFileGlobsKeepsThem() throws Exception {
        processor.addListener(new AddressPatterns());
        session.put(CommandSession.OPTION_NO_GLOB, "false");
        assertThatThrownBy(() -> session.execute("clasp.test:echo /no/such/dir/**")).hasMessageContaining("no matches found");
        assertThat(session.get(CommandSession.OPTION_NO_GLOB)).isEqualTo("false");
    }

    @Test
    void valuesArriveAsTheValueSyntaxExpects() throws Exception {
        processor.addListener(new AddressPatterns());
        assertThat(session.execute("clasp.test:value 1")).isEqualTo("1");
        assertThat(session.execute("clasp.test:value 1.5")).isEqualTo("1.5");
        assertThat(session.execute("clasp.test:value \"1.5\"")).isEqualTo("1.5");
        assertThat(session.execute("clasp.test:value '\"1.5\"'")).isEqualTo("\"1.5\"");
        assertThat(session.execute("clasp.test:value true")).isEqualTo("true");
        assertThat(session.execute("clasp.test:value null")).isEqualTo("null");
        assertThat(session.execute("clasp.test:value hello")).isEqualTo("\"hello\"");
        assertThat(session.execute("clasp.test:value 'hello world'")).isEqualTo("\"hello world\"");
        assertThat(session.execute("clasp.test:value [1,2]")).isEqualTo("[1,2]");
        assertThat(session.execute("clasp.test:value [1, 2.5]")).isEqualTo("[1,2.5]");
        assertThat(session.execute("clasp.test:value [1 2 x]")).isEqualTo("[1,2,\"x\"]");
        assertThat(session.execute("clasp.test:value '[1,\"a b\",{\"k\":null}]'")).isEqualTo("[1,\"a b\",{\"k\":null}]");
        assertThat(session.execute("clasp.test:value '{\"a\":1}'")).isEqualTo("{\"a\":1}");
        assertThat(session.execute("clasp.test:value [a=1 b=on]")).isEqualTo("{\"a\":1,\"b\":\"on\"}");
        assertThatThrownBy(() -> session.execute("clasp.test:value {\"a\":1}"))
                .hasMessageContaining("write JSON in single quotes");
    }

    @Test
    void theShellPrintsResultsThroughTheConverter() throws Exception {
        Object result = session.execute("clasp.test:param");
        assertThat(session.format(result, Converter.INSPECT)).isEqualTo(String.join("\n",
                "address   /a", "value     1", "type      int", "revision  2", "writer    s-1", "written   -", "lock      -"));
        assertThat(session.format(result, Converter.LINE)).isEqualTo("/a = 1 (revision 2)");
    }
}
