package io.millrace.log;


/**
 * A record read back from a {@link ShardLog}, with the position and arrival time the log assigned.
 *
 * @param encryptionKeyId the key id its batch was appended with ({@link ShardLog#append(java.util.List, long,
 *                        String)}), or {@code null} for a record stored in plaintext
 */
public record StoredRecord(long position, long arrivalMs, String partitionKey, byte[] data, String encryptionKeyId) {

    /** A record stored without encryption. */
    public StoredRecord(long position, long arrivalMs, String partitionKey, byte[] data) {
        this(position, arrivalMs, partitionKey, data, null);
    }

    /** Bytes this record counts for against read limits: data plus the UTF-8 partition key. */
    public long sizeInBytes() {
        return LogRecord.sizeInBytes(data, partitionKey);
    }

    /** Whether its batch was appended under an encryption key. */
    public boolean isEncrypted() {
        return encryptionKeyId != null;
    }
}
