package clasp.shell.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Output for a terminal in raw mode: every line ends CR LF, once, however the writes split it. */
class CrLfOutputStreamTest {
    @Test
    void aLoneLfBecomesCrLfAndACrLfStaysAsItIs() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CrLfOutputStream out = new CrLfOutputStream(bytes)) {
            out.write("a\nb\r\nc\n\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\nc\r\n\r\n");
    }

    @Test
    void aCrAtTheEndOfOneWriteCountsForAnLfAtTheStartOfTheNext() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CrLfOutputStream out = new CrLfOutputStream(bytes)) {
            out.write("x\r".getBytes(StandardCharsets.US_ASCII));
            out.write("\ny".getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
        }
        assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("x\r\ny\r\n");
    }
}
