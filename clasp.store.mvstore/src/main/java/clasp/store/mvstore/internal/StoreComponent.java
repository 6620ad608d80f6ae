package clasp.store.mvstore.internal;

import clasp.api.store.AnnouncedSignal;
import clasp.api.store.Journal;
import clasp.api.store.ParamChanges;
import clasp.api.store.ParamRecord;
import clasp.api.store.ParamStore;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The store as the router finds it: a {@link ParamStore} service ranked above the router's in-memory store, and,
 * while the journal is on, a {@link Journal} service, which this component registers itself in {@link #activate}
 * (DS cannot register a service conditionally) and unregisters in {@link #deactivate} before the file closes.
 * A configuration change reopens the store (deactivate, then activate).
 */
@Component(service = {ParamStore.class, StoreComponent.class}, configurationPid = "clasp.store.mvstore",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true, property = "service.ranking:Integer=0")
@Designate(ocd = StoreConfig.class)
public final class StoreComponent implements ParamStore {
    /** The framework property naming the runtime's data folder. */
    public static final String DATA_PROPERTY = "clasp.data";

    private final MvParamStore store;
    private final ServiceRegistration<Journal> journal;

    @Activate
    public StoreComponent(BundleContext context, StoreConfig config) {
        StoreSettings settings = new StoreSettings(folder(config.folder(), context.getProperty(DATA_PROPERTY))
                .resolve(StoreSettings.FILE_NAME), config.commitIntervalMillis(), config.durable(), config.journal(),
                config.journalMaxEntries(), config.journalMaxBytes(), config.journalMaxAgeSeconds(), StoreSettings::systemMicros);
        store = MvParamStore.open(settings);
        Journal j = store.journal();
        if (j == null) {
            journal = null;
            return;
        }
        try {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_RANKING, 0);
            journal = context.registerService(Journal.class, j, props);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** {@code folder}, or {@code <clasp.data>/store} when it is empty ({@code data} when clasp.data is not set). */
    static Path folder(String folder, String data) {
        if (folder != null && !folder.isBlank()) return Path.of(folder.trim());
        return Path.of(data == null || data.isBlank() ? "data" : data.trim()).resolve("store");
    }

    @Deactivate
    void deactivate() {
        try {
            if (journal != null) journal.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping: the framework unregistered it
        } finally {
            store.close();
        }
    }

    /** The store behind the services, for the shell commands. */
    public MvParamStore store() { return store; }

    @Override public ParamRecord get(String address) { return store.get(address); }
    @Override public boolean compareAndSet(ParamRecord expected, ParamRecord next) { return store.compareAndSet(expected, next); }
    @Override public void scan(String addressPrefix, Consumer<ParamRecord> each) { store.scan(addressPrefix, each); }
    @Override public int size() { return store.size(); }
    @Override public void attach(ParamChanges changes) { store.attach(changes); }
    @Override public void detach() { store.detach(); }
    @Override public boolean durable() { return store.durable(); }
    @Override public void sync() { store.sync(); }
    @Override public boolean persistent() { return true; }
    @Override public String describe() { return store.describe(); }
    @Override public void announced(AnnouncedSignal signal) { store.announced(signal); }
    @Override public void forgotten(String address) { store.forgotten(address); }
    @Override public void scanSignals(Consumer<AnnouncedSignal> each) { store.scanSignals(each); }
}
