package io.millrace.log;

import java.nio.charset.StandardCharsets;

/** A record read back from a {@link ShardLog}, with the position and arrival time the log assigned. */
public record StoredRecord(long position, long arrivalMs, String partitionKey, byte[] data) {

    /** Bytes this record counts for against read limits: data plus the UTF-8 partition key. */
    public long sizeInBytes() {
        return data.length + (long) partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
