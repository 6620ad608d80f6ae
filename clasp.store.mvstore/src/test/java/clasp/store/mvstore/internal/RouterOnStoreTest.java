package clasp.store.mvstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.auth.Authoriser;
import clasp.api.message.SetMessage;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.api.store.Journal;
import clasp.api.store.JournalEntry;
import clasp.api.store.ParamStore;
import clasp.router.internal.OpenAuthoriser;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real router, started on this store as DS would bind it, stopped and started again on the reopened file. */
class RouterOnStoreTest {
    @TempDir Path dir;

    private static RouterComponent routerOn(MvParamStore store) throws Exception {
        RouterComponent router = new RouterComponent();
        bind(router, "bindStore", ParamStore.class, store);
        bind(router, "bindAuthoriser", Authoriser.class, new OpenAuthoriser());
        bind(router, "bindJournal", Journal.class, store.journal());
        router.start(RouterSettings.defaults());
        return router;
    }

    private static <T> void bind(RouterComponent router, String method, Class<T> type, T service) throws Exception {
        Method m = RouterComponent.class.getDeclaredMethod(method, type);
        m.setAccessible(true);
        m.invoke(router, service);
    }

    @Test
    void aRestartedRouterContinuesAtTheNextRevisionWithLocksReleased() throws Exception {
        Path file = dir.resolve(StoreSettings.FILE_NAME);
        MvParamStore store = MvParamStore.open(StoreSettings.defaults(file).withJournal(true));
        RouterComponent router = routerOn(store);
        LocalSession writer = router.openSession("desk", false);
        writer.set("/mixer/gain", Value.of(0.25));
        writer.set("/mixer/gain", Value.of(0.5));
        assertThat(writer.set(new SetMessage("/stage/door", Value.of("closed"), null, true, false, null))).isEqualTo(1);
        ParamState before = router.param("/mixer/gain").orElseThrow();
        assertThat(router.param("/stage/door").orElseThrow().lockHolder()).isEqualTo(writer.id());
        router.deactivate();
        store.close();

        MvParamStore reopened = MvParamStore.open(StoreSettings.defaults(file).withJournal(true));
        RouterComponent restarted = routerOn(reopened);
        try {
            assertThat(restarted.param("/mixer/gain").orElseThrow()).isEqualTo(before);
            assertThat(restarted.param("/stage/door").orElseThrow().lockHolder()).isNull();
            LocalSession next = restarted.openSession("desk", false);
            assertThat(next.set("/mixer/gain", Value.of(0.75))).isEqualTo(3);
            assertThat(next.set("/stage/door", Value.of("open"))).isEqualTo(2);   // nobody holds its lock now
            List<String> journal = new ArrayList<>();
            for (var it = reopened.journal().read(0, Long.MAX_VALUE); it.hasNext(); ) {
                JournalEntry e = it.next();
                SetMessage s = (SetMessage) e.message();
                journal.add(s.address() + "=" + s.value() + "@" + s.revision());
            }
            assertThat(journal).containsExactly("/mixer/gain=0.25@1", "/mixer/gain=0.5@2", "/stage/door=\"closed\"@1",
                    "/mixer/gain=0.75@3", "/stage/door=\"open\"@2");
        } finally {
            restarted.deactivate();
            reopened.close();
        }
    }
}
