package clasp.client;

import clasp.api.GesturePhase;
import clasp.api.Value;

/**
 * One gesture at one address: {@link #update} moves, {@link #end} or {@link #cancel} closes it. Every phase goes out
 * as a PUBLISH (signal gesture, QoS Fire) with this gesture's id and the router's time; the router coalesces moves.
 * Like every fire-and-forget send, a phase sent while not connected is dropped (the methods return false then).
 */
public final class Gesture {
    private final ClaspClient client;
    private final String address;
    private final long id;

    Gesture(ClaspClient client, String address, long id) {
        this.client = client;
        this.address = address;
        this.id = id;
    }

    public long id() { return id; }

    public String address() { return address; }

    public boolean update(Value payload) { return client.gesture(address, id, GesturePhase.MOVE, payload); }

    public boolean end(Value payload) { return client.gesture(address, id, GesturePhase.END, payload); }

    public boolean cancel() { return client.gesture(address, id, GesturePhase.CANCEL, Value.ofNull()); }
}
