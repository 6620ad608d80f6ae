package clasp.router.internal.hook;

import clasp.api.router.HookInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The registered hooks of one kind, highest {@code service.ranking} first (equal rankings: lower service id first,
 * as OSGi orders services). Copy-on-write: changes replace the array under this list's monitor; readers take
 * {@link #now()} without a lock.
 */
public final class RankedHooks<T> {
    /** One registered hook: its service, where it sits in the order, and its run of calls over budget. */
    public static final class Hook<T> {
        final T service;
        final long serviceId;
        final int ranking;
        final String id;       // its clasp.hook.id, or null
        final String bundle;
        final String name;
        final AtomicInteger overruns = new AtomicInteger();
        volatile boolean failureLogged;

        Hook(T service, long serviceId, int ranking, String id, String bundle, String name) {
            this.service = service;
            this.serviceId = serviceId;
            this.ranking = ranking;
            this.id = id;
            this.bundle = bundle;
            this.name = name;
        }

        public String name() { return name; }
    }

    private static final Comparator<Hook<?>> ORDER =
            Comparator.<Hook<?>>comparingInt(h -> -h.ranking).thenComparingLong(h -> h.serviceId);

    private final String kind;
    private volatile Hook<T>[] hooks = empty();
    private final List<Hook<T>> disabled = new ArrayList<>();   // guarded by this

    RankedHooks(String kind) { this.kind = kind; }

    @SuppressWarnings("unchecked")
    private static <T> Hook<T>[] empty() { return (Hook<T>[]) new Hook<?>[0]; }

    /** The hooks to call now, in order; never changed (a change makes a new array). */
    Hook<T>[] now() { return hooks; }

    /** Adds (or, for a service already here, re-ranks and re-enables) a hook without an id. */
    public void add(long serviceId, int ranking, T service) { add(serviceId, ranking, service, null, ""); }

    /** Adds (or, for a service already here, re-ranks and re-enables) a hook; {@code id} its clasp.hook.id or null. */
    public synchronized void add(long serviceId, int ranking, T service, String id, String bundle) {
        remove(serviceId);
        Hook<T>[] next = Arrays.copyOf(hooks, hooks.length + 1);
        next[hooks.length] = new Hook<>(service, serviceId, ranking, id, bundle, (id != null ? id + ": " : "")
                + service.getClass().getName() + " (" + kind + ", service " + serviceId + ")");
        Arrays.sort(next, ORDER);
        hooks = next;
    }

    /** Removes the service's hook, enabled or disabled; nothing if it is not here. */
    public synchronized void remove(long serviceId) {
        disabled.removeIf(h -> h.serviceId == serviceId);
        hooks = without(h -> h.serviceId == serviceId);
    }

    /** Takes {@code hook} out of the order until its service is added again; false if it was gone already. */
    synchronized boolean disable(Hook<T> hook) {
        Hook<T>[] next = without(h -> h == hook);
        if (next.length == hooks.length) return false;
        hooks = next;
        disabled.add(hook);
        return true;
    }

    private Hook<T>[] without(Predicate<Hook<T>> gone) {
        List<Hook<T>> kept = new ArrayList<>();
        for (Hook<T> h : hooks) if (!gone.test(h)) kept.add(h);
        return kept.size() == hooks.length ? hooks : kept.toArray(empty());
    }

    /** The hooks called now, in order, then the disabled ones. */
    public synchronized List<HookInfo> info() {
        List<HookInfo> out = new ArrayList<>();
        for (Hook<T> h : hooks) out.add(new HookInfo(h.serviceId, h.id, kind, h.ranking, h.bundle, false));
        for (Hook<T> h : disabled) out.add(new HookInfo(h.serviceId, h.id, kind, h.ranking, h.bundle, true));
        return out;
    }

    /** The names of the hooks called now, in order. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Hook<T> h : hooks) out.add(h.name);
        return out;
    }

    /** The names of the hooks disabled for running past their budget. */
    public synchronized List<String> disabledNames() {
        List<String> out = new ArrayList<>();
        for (Hook<T> h : disabled) out.add(h.name);
        return out;
    }
}
