package clasp.shell.ssh.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes each LF not preceded by CR as CR LF, as a terminal in raw mode needs. Owned by one writer thread. */
final class CrLfOutputStream extends FilterOutputStream {
    private int previous = -1;

    CrLfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n' && previous != '\r') out.write('\r');
        out.write(b);
        previous = b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n' && (i > off ? b[i - 1] : previous) != '\r') {
                out.write(b, start, i - start);
                out.write('\r');
                start = i;
            }
        }
        out.write(b, start, off + len - start);
        if (len > 0) previous = b[off + len - 1];
    }
}
