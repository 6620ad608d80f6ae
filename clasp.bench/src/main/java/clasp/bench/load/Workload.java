package clasp.bench.load;

import java.nio.file.Path;

/** One measurement, run against a fresh broker. */
interface Workload {
    String name();

    /** Runs against {@code broker}; {@code dir} takes any files worth keeping (histograms). */
    Result run(Broker broker, ClientNet net, Path dir) throws Exception;
}
