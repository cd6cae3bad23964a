package io.millrace.firehose.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Kafka cluster plays each MSK cluster: {@code MSKClusterARN=HOST:PORT} entries ({@code --msk-bootstrap}).
 * An {@code MSKAsSource} delivery stream reads its topic at the bootstrap its cluster ARN is mapped to; an ARN without
 * an entry falls back to the server's own Kafka cluster ({@code --kafka-bootstrap}), if it has one. Immutable and
 * thread-safe.
 */
public final class MskBootstraps {
    public static final MskBootstraps NONE = new MskBootstraps(Map.of());

    private final Map<String, String> bootstraps;

    private MskBootstraps(Map<String, String> bootstraps) {
        this.bootstraps = Map.copyOf(bootstraps);
    }

    /** Parses {@code ARN=HOST:PORT} entries; throws IllegalArgumentException naming the first bad one. */
    public static MskBootstraps parse(List<String> entries) {
        Map<String, String> bootstraps = new LinkedHashMap<>();
        for (String entry : entries) {
            int at = entry.lastIndexOf('=');
            String arn = at < 0 ? "" : entry.substring(0, at).trim();
            String bootstrap = at < 0 ? "" : entry.substring(at + 1).trim();
            if (!arn.startsWith("arn:") || !arn.contains(":kafka:")) {
                throw new IllegalArgumentException("msk bootstrap: " + entry
                        + " (expected: <MSK cluster ARN>=<host>:<port>)");
            }
            if (!bootstrap.matches("[^:/\\s=]+:\\d{1,5}")) {
                throw new IllegalArgumentException("msk bootstrap: " + entry + " (expected: host:port after '=')");
            }
            if (bootstraps.put(arn, bootstrap) != null) {
                throw new IllegalArgumentException("msk bootstrap: " + arn + " is mapped more than once");
            }
        }
        return new MskBootstraps(bootstraps);
    }

    /** The bootstrap {@code clusterArn} is mapped to, if it is. */
    public Optional<String> bootstrapOf(String clusterArn) {
        return Optional.ofNullable(bootstraps.get(clusterArn));
    }

    public boolean isEmpty() {
        return bootstraps.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MskBootstraps mapped && mapped.bootstraps.equals(bootstraps);
    }

    @Override
    public int hashCode() {
        return bootstraps.hashCode();
    }

    @Override
    public String toString() {
        return "MskBootstraps" + bootstraps;
    }
}
