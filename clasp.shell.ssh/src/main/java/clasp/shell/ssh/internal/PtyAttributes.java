package clasp.shell.ssh.internal;

import java.util.Map;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.server.Environment;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;

/**
 * A JLine terminal's line discipline from an SSH pty request: the client's control characters (Ctrl-C, erase, …)
 * and flags (echo, CR to NL, NL to CR NL, signals) over a cooked terminal's defaults. Without a pty (ssh -T) the
 * client echoes and ends lines itself: no echo, no output translation.
 */
final class PtyAttributes {
    private PtyAttributes() { }

    /** Whether the client asked for a terminal (ssh -t, or a shell from a terminal): it sends modes or TERM. */
    static boolean requested(Environment env) {
        return !env.getPtyModes().isEmpty() || env.getEnv().containsKey(Environment.ENV_TERM);
    }

    static Attributes of(Map<PtyMode, Integer> modes, boolean pty) {
        Attributes a = new Attributes();
        a.setLocalFlag(LocalFlag.ICANON, true);
        a.setLocalFlag(LocalFlag.ISIG, true);
        a.setLocalFlag(LocalFlag.IEXTEN, true);
        a.setLocalFlag(LocalFlag.ECHO, pty);
        a.setLocalFlag(LocalFlag.ECHOE, pty);
        a.setLocalFlag(LocalFlag.ECHOK, pty);
        a.setLocalFlag(LocalFlag.ECHOCTL, pty);
        a.setInputFlag(InputFlag.ICRNL, true);
        a.setOutputFlag(OutputFlag.OPOST, pty);
        a.setOutputFlag(OutputFlag.ONLCR, pty);
        a.setControlChar(ControlChar.VINTR, 3);
        a.setControlChar(ControlChar.VQUIT, 28);
        a.setControlChar(ControlChar.VERASE, 127);
        a.setControlChar(ControlChar.VKILL, 21);
        a.setControlChar(ControlChar.VEOF, 4);
        a.setControlChar(ControlChar.VSUSP, 26);
        a.setControlChar(ControlChar.VWERASE, 23);
        a.setControlChar(ControlChar.VLNEXT, 22);
        a.setControlChar(ControlChar.VMIN, 1);
        a.setControlChar(ControlChar.VTIME, 0);
        modes.forEach((mode, value) -> apply(a, mode, value));
        return a;
    }

    private static void apply(Attributes a, PtyMode mode, int value) {
        switch (mode) {
            case VINTR -> a.setControlChar(ControlChar.VINTR, value);
            case VQUIT -> a.setControlChar(ControlChar.VQUIT, value);
            case VERASE -> a.setControlChar(ControlChar.VERASE, value);
            case VKILL -> a.setControlChar(ControlChar.VKILL, value);
            case VEOF -> a.setControlChar(ControlChar.VEOF, value);
            case VSUSP -> a.setControlChar(ControlChar.VSUSP, value);
            case VWERASE -> a.setControlChar(ControlChar.VWERASE, value);
            case VLNEXT -> a.setControlChar(ControlChar.VLNEXT, value);
            case ECHO -> a.setLocalFlag(LocalFlag.ECHO, value != 0);
            case ISIG -> a.setLocalFlag(LocalFlag.ISIG, value != 0);
            case ICANON -> a.setLocalFlag(LocalFlag.ICANON, value != 0);
            case ICRNL -> a.setInputFlag(InputFlag.ICRNL, value != 0);
            case OPOST -> a.setOutputFlag(OutputFlag.OPOST, value != 0);
            case ONLCR -> a.setOutputFlag(OutputFlag.ONLCR, value != 0);
            default -> { }
        }
    }
}
