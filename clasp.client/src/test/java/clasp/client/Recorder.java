package clasp.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records a subscription's updates, and the thread each ran on. */
final class Recorder implements UpdateListener {
    final List<Update> updates = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onUpdate(Update update) {
        updates.add(update);
        threads.add(Thread.currentThread().getName());
    }

    /** "address=value@revision" for params, "address:signal=value" otherwise. */
    List<String> lines() {
        return updates.stream().map(u -> u.isParam()
                ? u.address() + "=" + u.value() + "@" + u.revision()
                : u.address() + ":" + u.signal() + "=" + u.value()).toList();
    }
}
