package clasp.scene.internal;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import clasp.router.internal.clock.Micros;
import clasp.test.peers.router.ConfigProxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real router, started standalone, with the scene component on a folder of scene files and local sessions to
 * write and observe with. Closing it deactivates what is still active and stops the router.
 */
final class RouterFixture implements AutoCloseable {
    /** A SET a subscriber received and the router-clock time (µs) it arrived. */
    record Seen(SetMessage set, long atMicros) { }

    final RouterComponent router = new RouterComponent();
    final Path scenes;
    final LocalSession writer;
    private final List<SceneComponent> components = new ArrayList<>();
    private final List<LocalSession> sessions = new ArrayList<>();

    RouterFixture(Path scenes) {
        this.scenes = scenes;
        router.startStandalone(RouterSettings.defaults());
        writer = session("writer");
    }

    /** The scene component with its default configuration, activated on the fixture's folder. */
    SceneComponent start() {
        return start(Map.of());
    }

    SceneComponent start(Map<String, ?> config) {
        SceneComponent c = new SceneComponent(ConfigProxy.of(SceneConfig.class, config), scenes, router, Clock.systemUTC());
        components.add(c);
        return c;
    }

    void stop(SceneComponent c) {
        components.remove(c);
        c.deactivate();
    }

    LocalSession session(String name) {
        LocalSession s = router.openSession(name, false);
        sessions.add(s);
        return s;
    }

    /** Every SET delivered to a new subscriber of {@code pattern} from now on, with its arrival time. */
    List<Seen> observe(String pattern) throws ClaspException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        session("observer").subscribe(pattern, Set.of(SignalType.PARAM), (Message m) -> {
            if (m instanceof SetMessage s) seen.add(new Seen(s, Micros.now()));
        });
        return seen;
    }

    void set(String address, Value value) throws ClaspException {
        writer.set(address, value);
    }

    /** The router's value at {@code address}, or null when it has no param there. */
    Value value(String address) {
        return router.param(address).map(ParamState::value).orElse(null);
    }

    @Override
    public void close() {
        for (SceneComponent c : List.copyOf(components)) c.deactivate();
        for (LocalSession s : sessions) s.close();
        router.deactivate();
    }
}
