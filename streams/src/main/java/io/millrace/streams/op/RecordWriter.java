package io.millrace.streams.op;

import io.millrace.log.AppendResult;
import io.millrace.log.LogRecord;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.position.SequenceNumberCodec;
import io.millrace.streams.shard.HashKey;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamMetadata;

import java.util.List;

/** Checks and routing shared by PutRecord and PutRecords. Stateless. */
final class RecordWriter {

    private RecordWriter() {
    }

    /** The explicit hash key of a request entry, or {@code null}; InvalidArgument when out of range. */
    static HashKey explicitHashKey(String text) {
        return text == null ? null : HashKey.parseExplicit(text);
    }

    /** Refuses a record larger than the stream's {@code MaxRecordSizeInKiB} (data plus UTF-8 partition key). */
    static void checkSize(StreamMetadata stream, byte[] data, String partitionKey) {
        long sizeBytes = sizeBytes(data, partitionKey);
        long maxBytes = stream.maxRecordSizeKiB() * 1024L;
        if (sizeBytes > maxBytes) {
            // [UNVERIFIED] AWS's text for a record over the stream's maximum record size.
            throw KinesisError.INVALID_ARGUMENT.exception("Record size of %d bytes exceeds the maximum record size of "
                    + "%d KiB for stream %s under account %s.", sizeBytes, stream.maxRecordSizeKiB(), stream.name(),
                    stream.accountId());
        }
    }

    /** What a record counts against size limits and shard throughput: data plus the UTF-8 partition key. */
    static long sizeBytes(byte[] data, String partitionKey) {
        return LogRecord.sizeInBytes(data, partitionKey);
    }

    /** The throttling text AWS uses for a shard over its write (or read) rate, naming account, stream and shard. */
    static String throttledMessage(StreamMetadata stream, int shardIndex) {
        // [UNVERIFIED] exact text (reference 3.4); it names the shard, stream and account as AWS's does.
        return String.format("Rate exceeded for shard %s in stream %s under account %s.", ShardId.name(shardIndex),
                stream.name(), stream.accountId());
    }

    /** The shard a record goes to. */
    static int route(Stream stream, String partitionKey, HashKey explicitHashKey) {
        return stream.shardFor(partitionKey, explicitHashKey);
    }

    /**
     * Appends {@code records} to shard {@code shardIndex}, encrypted at rest while the stream's encryption is in
     * effect, and counts them for on-demand scaling. Call inside
     * {@link Stream#withOpenShards}, together with the routing that chose the shard.
     */
    static AppendResult append(Stream stream, int shardIndex, List<LogRecord> records, long nowMs) {
        AppendResult appended = stream.log(shardIndex).append(records, nowMs,
                Encryption.keyAt(stream.metadata(), nowMs));
        long bytes = 0;
        for (LogRecord record : records) {
            bytes += record.data().length + record.partitionKey().length(); // chars: close enough for a rate
        }
        stream.onAppended(shardIndex, nowMs, records.size(), bytes);
        return appended;
    }

    /** The sequence number of the record stored at {@code position} of shard {@code shardIndex}. */
    static String sequenceNumber(StreamMetadata stream, int shardIndex, long position, long arrivalMs) {
        return SequenceNumberCodec.forRecord(stream.shard(shardIndex).creationMs(), shardIndex, position, arrivalMs);
    }
}
