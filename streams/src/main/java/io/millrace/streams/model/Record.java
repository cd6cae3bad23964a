package io.millrace.streams.model;

import java.time.Instant;

/**
 * Model shape {@code Record} as returned by GetRecords;
 * {@code encryptionType} is null (omitted on the wire) for unencrypted streams.
 */
public record Record(String sequenceNumber, Instant approximateArrivalTimestamp, byte[] data, String partitionKey,
        EncryptionType encryptionType) {
}
