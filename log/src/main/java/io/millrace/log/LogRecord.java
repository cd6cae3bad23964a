package io.millrace.log;

/**
 * A record as handed to {@link ShardLog#append}. {@code partitionKey} is kept verbatim; {@code data} is not
 * copied, so callers must not modify it afterwards.
 */
public record LogRecord(String partitionKey, byte[] data) {
}
