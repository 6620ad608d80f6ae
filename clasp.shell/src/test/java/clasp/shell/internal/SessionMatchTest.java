package clasp.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.router.SessionInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionMatchTest {
    private static final SessionInfo DESK = session("3f2a9c1e-0000-4000-8000-000000000001", "mixer desk");
    private static final SessionInfo SHELL = session("3f2b0000-0000-4000-8000-000000000002", "shell");
    private static final SessionInfo TABLET = session("9a000000-0000-4000-8000-000000000003", "tablet");
    private static final SessionInfo TABLET2 = session("9b000000-0000-4000-8000-000000000004", "tablet");
    private static final List<SessionInfo> ALL = List.of(DESK, SHELL, TABLET, TABLET2);

    private static SessionInfo session(String id, String name) {
        return new SessionInfo(id, name, "local", 0, 0, 0, 1);
    }

    @Test
    void aWholeIdAUniquePrefixOrAUniqueNameFindsTheSession() throws UserError {
        assertThat(SessionMatch.find(ALL, SHELL.id())).isSameAs(SHELL);
        assertThat(SessionMatch.find(ALL, "3f2a")).isSameAs(DESK);
        assertThat(SessionMatch.find(ALL, "9b")).isSameAs(TABLET2);
        assertThat(SessionMatch.find(ALL, "mixer desk")).isSameAs(DESK);
        assertThat(SessionMatch.find(ALL, "shell")).isSameAs(SHELL);
    }

    @Test
    void anAmbiguousPrefixOrNameListsTheCandidates() {
        assertThatThrownBy(() -> SessionMatch.find(ALL, "3f2")).isInstanceOf(UserError.class)
                .hasMessage("'3f2' matches 2 sessions: 3f2a9c1e-0000-4000-8000-000000000001 (mixer desk), "
                        + "3f2b0000-0000-4000-8000-000000000002 (shell); give more of the id");
        assertThatThrownBy(() -> SessionMatch.find(ALL, "tablet"))
                .hasMessageStartingWith("'tablet' matches 2 sessions: 9a000000-0000-4000-8000-000000000003 (tablet), ");
    }

    @Test
    void noMatchSaysSo() {
        assertThatThrownBy(() -> SessionMatch.find(ALL, "7")).hasMessage("no session 7");
        assertThatThrownBy(() -> SessionMatch.find(List.of(), "shell")).hasMessage("no session shell");
    }
}
