package clasp.adapter.mqtt.internal;

import clasp.api.message.ParamEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The router's answers a client still waits for, in request order (the router answers a connection's requests in
 * the order it got them). A SET, and a PUBLISH at QoS Confirm or Commit, get exactly one ACK or ERROR; each SUBSCRIBE
 * and each UNSUBSCRIBE batch is followed by a PING, so the PONG marks where its answers (ERROR, SNAPSHOTs) end.
 * Event loop only.
 */
final class Replies {
    sealed interface Pending permits PublishReply, FilterReply, UnsubscribeReply, Resubscribe {
    }

    /** A resumed session's subscription made again in the router: answered by nobody; refused, it is forgotten. */
    record Resubscribe(String filter) implements Pending {
    }

    /** An MQTT PUBLISH sent as a SET or acknowledged PUBLISH: answered by PUBACK (QoS 1), PUBREC (QoS 2) or nothing. */
    record PublishReply(int packetId, int qos) implements Pending {
    }

    /** One filter of a SUBSCRIBE: its ERROR if refused, its snapshot otherwise, until the PONG. */
    static final class FilterReply implements Pending {
        final SubscribeReply packet;
        final int index;
        final List<ParamEntry> retained = new ArrayList<>();
        int error;   // the router's error code, 0 when accepted
        Subscriptions.Subscription previous;   // what the filter had before, put back if the router refuses

        FilterReply(SubscribeReply packet, int index) {
            this.packet = packet;
            this.index = index;
        }
    }

    /** A SUBSCRIBE packet: its SUBACK is written when the last of its filters is answered. */
    static final class SubscribeReply {
        final int packetId;
        final int[] codes;
        final String[] filters;
        final boolean[] sendRetained;
        final FilterReply[] answers;
        int remaining;

        SubscribeReply(int packetId, int size) {
            this.packetId = packetId;
            this.codes = new int[size];
            this.filters = new String[size];
            this.sendRetained = new boolean[size];
            this.answers = new FilterReply[size];
        }
    }

    /** An UNSUBSCRIBE packet, answered (UNSUBACK) at the PONG behind its UNSUBSCRIBE frames. */
    record UnsubscribeReply(int packetId, short[] codes) implements Pending {
    }

    private final ArrayDeque<Pending> fifo = new ArrayDeque<>();
    private int filters;   // FilterReplies in the FIFO

    void add(Pending p) {
        fifo.add(p);
        if (p instanceof FilterReply) filters++;
    }

    Pending head() {
        return fifo.peek();
    }

    Pending poll() {
        Pending p = fifo.poll();
        if (p instanceof FilterReply) filters--;
        return p;
    }

    /** True while a SUBSCRIBE waits for its answers (its snapshot may be older than a live SET already written). */
    boolean subscribing() {
        return filters > 0;
    }

    /** Forgets the last one added (its frame could not be sent). */
    void dropLast() {
        Pending p = fifo.pollLast();
        if (p instanceof FilterReply) filters--;
    }
}
