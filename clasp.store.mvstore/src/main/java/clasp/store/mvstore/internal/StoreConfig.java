package clasp.store.mvstore.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The store's configuration (PID {@code clasp.store.mvstore}); a change reopens the store. */
@ObjectClassDefinition(name = "CLASP MVStore param store",
        description = "Where the router's params, signal definitions and journal persist: an H2 MVStore file")
@interface StoreConfig {
    @AttributeDefinition(required = false, description = "The folder of the store file clasp.mv.db; empty: "
            + "<clasp.data>/store (framework property clasp.data, default data)")
    String folder() default "";

    @AttributeDefinition(description = "How often what changed is committed and fsynced, in ms: the most a crash "
            + "(kill -9, power loss) may lose")
    long commitIntervalMillis() default 100;

    @AttributeDefinition(description = "Log every write to a write-ahead log beside the store file (clasp.wal.0/.1) "
            + "and fsync it before the ACK of a write sent at QoS Commit (grouped with concurrent ones), so that an "
            + "ACKed Commit write survives a crash")
    boolean durable() default false;

    @AttributeDefinition(description = "Keep a journal of accepted SETs and routed PUBLISHes for REPLAY (off: REPLAY "
            + "gets ERROR 501); it costs the store's thread work for every write, so it is off unless asked for")
    boolean journal() default false;

    @AttributeDefinition(description = "The most journal entries kept (the oldest go first)")
    long journalMaxEntries() default 100_000;

    @AttributeDefinition(description = "The most bytes of journal entries kept (the oldest go first)")
    long journalMaxBytes() default 67_108_864;

    @AttributeDefinition(description = "The oldest journal entry kept, in seconds")
    long journalMaxAgeSeconds() default 3600;
}
