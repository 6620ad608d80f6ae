package clasp.store.mvstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.store.Journal;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The component as DS drives it: the folder it picks, the Journal service it registers, what deactivate releases. */
class StoreComponentTest {
    @TempDir Path dir;
    private final List<String> calls = new ArrayList<>();

    @Test
    void theFolderIsTheConfiguredOneOrTheDataFoldersStore() {
        assertThat(StoreComponent.folder("", null)).isEqualTo(Path.of("data", "store"));
        assertThat(StoreComponent.folder(" ", "/var/lib/clasp")).isEqualTo(Path.of("/var/lib/clasp", "store"));
        assertThat(StoreComponent.folder("/srv/show", "/var/lib/clasp")).isEqualTo(Path.of("/srv/show"));
    }

    @Test
    void registersTheJournalWhileActiveAndReleasesTheFileOnDeactivate() {
        StoreComponent component = new StoreComponent(context(), config(true));
        assertThat(calls).containsExactly("register clasp.api.store.Journal ranking 0");
        assertThat(Files.exists(dir.resolve("store").resolve(StoreSettings.FILE_NAME))).isTrue();
        assertThat(component.describe()).isEqualTo("H2 MVStore " + dir.resolve("store").resolve(StoreSettings.FILE_NAME)
                + ", committed every 100 ms");
        component.deactivate();
        assertThat(calls).containsExactly("register clasp.api.store.Journal ranking 0", "unregister");
        new StoreComponent(context(), config(true)).deactivate();   // the file lock was released: it opens again
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(CommitLoop.THREAD_NAME));
    }

    @Test
    void registersNoJournalWhenItIsOff() {
        StoreComponent component = new StoreComponent(context(), config(false));
        component.deactivate();
        assertThat(calls).isEmpty();
    }

    private BundleContext context() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (p, m, args) -> {
                    if (m.getName().equals("unregister")) calls.add("unregister");
                    return null;
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getProperty" -> StoreComponent.DATA_PROPERTY.equals(args[0]) ? dir.toString() : null;
                    case "registerService" -> {
                        calls.add("register " + ((Class<?>) args[0]).getName() + " ranking "
                                + ((Dictionary<?, ?>) args[2]).get("service.ranking"));
                        assertThat(args[1]).isInstanceOf(Journal.class);
                        yield registration;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static StoreConfig config(boolean journal) {
        return new StoreConfig() {
            @Override public Class<? extends Annotation> annotationType() { return StoreConfig.class; }
            @Override public String folder() { return ""; }
            @Override public long commitIntervalMillis() { return 100; }
            @Override public boolean durable() { return false; }
            @Override public boolean journal() { return journal; }
            @Override public long journalMaxEntries() { return 100_000; }
            @Override public long journalMaxBytes() { return 67_108_864; }
            @Override public long journalMaxAgeSeconds() { return 3600; }
        };
    }
}
