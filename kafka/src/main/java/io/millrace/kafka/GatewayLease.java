package io.millrace.kafka;

/**
 * Timing of the agreement between gateways sharing a cluster (see docs/design/kafka-gateways.md).
 *
 * @param leaseMs  a gateway acknowledges a write only if it has read the metadata topic to its end within this time
 * @param marginMs added to the lease by a gateway that seals a log, for clock-rate differences between machines
 * @param pollMs   how long the metadata reader waits for news before it confirms it is caught up again
 */
public record GatewayLease(long leaseMs, long marginMs, long pollMs) {

    /** Defaults: a 2 s lease, a 500 ms margin, confirmed every 100 ms. */
    public static final GatewayLease DEFAULT = new GatewayLease(2_000, 500, 100);

    public GatewayLease {
        if (pollMs < 1 || leaseMs < 2 * pollMs || marginMs < 0) {
            throw new IllegalArgumentException("leaseMs: " + leaseMs + ", marginMs: " + marginMs + ", pollMs: "
                    + pollMs + " (expected: pollMs >= 1, leaseMs >= 2 * pollMs, marginMs >= 0)");
        }
    }
}
