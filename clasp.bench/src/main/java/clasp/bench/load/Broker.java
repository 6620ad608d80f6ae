package clasp.bench.load;

/** The broker under test: its process (for /proc readings) and how clients reach it. */
interface Broker extends AutoCloseable {
    /** "CLASP" or "mosquitto". */
    String name();

    long pid();

    /** Whether the broker is a JVM, whose heap can be read with jcmd. */
    boolean isJvm();

    /** A new client connection (not yet necessarily connected); {@code sink} gets the probes it receives. */
    PubSubClient client(ClientNet net, Probe.Sink sink);

    /** One line on the broker's version and settings, for the report. */
    String describe();

    /** Stops the broker if this tool started it; an attached broker is left running. */
    @Override void close();
}
