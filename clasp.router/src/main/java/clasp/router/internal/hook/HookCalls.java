package clasp.router.internal.hook;

import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Principal;
import clasp.api.hook.SnapshotFilter;
import clasp.api.hook.ValueTransform;
import clasp.api.hook.WriteValidator;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.hook.RankedHooks.Hook;
import clasp.router.internal.session.Refusals;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the registered hooks of a {@link HookRegistry} in rank order, each timed on the router's clock: a throw
 * skips that hook for that call, three calls in a row past the budget disable it (see the package documentation).
 * With no hook of a kind registered a call is one volatile read. Stateless apart from the hooks' own counters:
 * called from any thread.
 */
public final class HookCalls {
    private static final Logger LOG = LoggerFactory.getLogger(HookCalls.class);
    /** Calls in a row past the budget after which a hook is disabled. */
    public static final int STRIKES = 3;

    private final HookRegistry registry;
    private final RouterClock clock;
    private final Refusals refusals;
    private final LongSupplier budgetMicros;

    /** {@code budgetMicros} is read at each call (0: calls are not timed). */
    public HookCalls(HookRegistry registry, RouterClock clock, Refusals refusals, LongSupplier budgetMicros) {
        this.registry = registry;
        this.clock = clock;
        this.refusals = refusals;
        this.budgetMicros = budgetMicros;
    }

    public HookRegistry registry() { return registry; }

    /** The first validator's reason to refuse the write, or null when none refuses. */
    public String veto(Principal principal, Action action, String address, Value value) {
        Hook<WriteValidator>[] hooks = registry.validators.now();
        if (hooks.length == 0) return null;
        for (Hook<WriteValidator> h : hooks) {
            long started = start();
            try {
                String reason = h.service.veto(principal, action, address, value);
                if (reason != null) return reason;
            } catch (RuntimeException e) {
                failed(h, address, e);
            } finally {
                timed(registry.validators, h, started);
            }
        }
        return null;
    }

    /** The value to store after every transform, {@code value} itself when none changed it. */
    public Value transform(Principal principal, String address, Value value) {
        Hook<ValueTransform>[] hooks = registry.transforms.now();
        if (hooks.length == 0) return value;
        for (Hook<ValueTransform> h : hooks) {
            long started = start();
            try {
                Value next = h.service.transform(principal, address, value);
                if (next != null) value = next;
            } catch (RuntimeException e) {
                failed(h, address, e);
            } finally {
                timed(registry.transforms, h, started);
            }
        }
        return value;
    }

    /** The value {@code principal} is shown at {@code address} after every filter, or null: hidden from it. */
    public Value filter(Principal principal, String address, Value value) {
        Hook<SnapshotFilter>[] hooks = registry.filters.now();
        if (hooks.length == 0) return value;
        for (Hook<SnapshotFilter> h : hooks) {
            long started = start();
            try {
                value = h.service.filter(principal, address, value);
                if (value == null) return null;
            } catch (RuntimeException e) {
                failed(h, address, e);
            } finally {
                timed(registry.filters, h, started);
            }
        }
        return value;
    }

    private long start() { return budgetMicros.getAsLong() > 0 ? clock.nowMicros() : 0; }

    private <T> void timed(RankedHooks<T> list, Hook<T> h, long started) {
        long budget = budgetMicros.getAsLong();
        if (budget <= 0 || started == 0) return;
        long took = clock.nowMicros() - started;
        if (took <= budget) {
            if (h.overruns.get() != 0) h.overruns.set(0);   // written only after an overrun: no shared write per call
            return;
        }
        if (h.overruns.incrementAndGet() >= STRIKES && list.disable(h)) {
            refusals.count(Refusals.Kind.HOOK_DISABLED);
            LOG.warn("clasp.router: hook {} disabled: {} calls in a row took longer than its budget of {} µs (the last {} µs); "
                    + "register its service again to enable it", h.name, STRIKES, budget, took);
        }
    }

    private void failed(Hook<?> h, String address, RuntimeException e) {
        refusals.count(Refusals.Kind.HOOK_FAILED);
        if (!h.failureLogged) {
            h.failureLogged = true;
            LOG.warn("clasp.router: hook {} failed at {} and was skipped (later failures are counted as hook-failed)",
                    h.name, address, e);
        }
    }
}
