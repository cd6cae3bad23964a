package io.millrace.firehose.processing;

/**
 * A record on its way through the processors: its current data, when the original record arrived, and the partition
 * keys found so far. Immutable by convention: processors build new instances rather than changing {@code data}.
 */
public record ProcessedRecord(long arrivalMs, byte[] data, PartitionKeys keys) {

    public ProcessedRecord withData(byte[] newData) {
        return new ProcessedRecord(arrivalMs, newData, keys);
    }

    public ProcessedRecord withKeys(PartitionKeys newKeys) {
        return new ProcessedRecord(arrivalMs, data, newKeys);
    }
}
