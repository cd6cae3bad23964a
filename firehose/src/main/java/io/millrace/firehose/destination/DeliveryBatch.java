package io.millrace.firehose.destination;

import java.util.List;

/**
 * What one delivery hands a {@link Destination}: the records of one buffer flush in arrival order (never empty),
 * the delivery stream they belong to (name and ARN), its configuration version at delivery time, and the delivery
 * time.
 */
public record DeliveryBatch(String deliveryStreamName, long versionId, List<BufferedRecord> records,
                            long deliveredAtMs, String deliveryStreamArn) {

    public DeliveryBatch {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("records: [] (expected: at least one record)");
        }
        records = List.copyOf(records);
    }

    /** The arrival time of the oldest record, which {@code !{timestamp:...}} prefixes evaluate at. */
    public long oldestArrivalMs() {
        return records.get(0).arrivalMs();
    }
}
