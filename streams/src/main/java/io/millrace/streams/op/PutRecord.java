package io.millrace.streams.op;

import io.millrace.log.AppendResult;
import io.millrace.log.AppendedBatch;
import io.millrace.log.LogRecord;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.position.SequenceNumber;
import io.millrace.streams.position.SequenceNumberCodec;
import io.millrace.streams.limit.ShardThroughput;
import io.millrace.streams.shard.HashKey;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html">PutRecord</a>: appends one
 * record to the shard its hash key (or the stream's AUTO distribution) selects and answers once it is durable,
 * without blocking a thread. Ordering by {@code SequenceNumberForOrdering} holds automatically because sequence
 * numbers grow with the log position; the value is only checked to be decodable. Thread-safe.
 */
public final class PutRecord implements Operation<PutRecordRequest, PutRecordResponse> {
    /** Where the record went, with the metadata that knows that shard (it may be newer than the request's). */
    private record Routed(int shardIndex, AppendResult appended, StreamMetadata metadata) {
    }

    private final StreamRegistry streams;
    private final ShardThroughput throughput;
    private final Clock clock;

    PutRecord(StreamRegistry streams, ShardThroughput throughput, Clock clock) {
        this.streams = streams;
        this.throughput = throughput;
        this.clock = clock;
    }

    @Override
    public CompletionStage<PutRecordResponse> execute(PutRecordRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        HashKey explicitHashKey = RecordWriter.explicitHashKey(request.explicitHashKey());
        checkOrderingNumber(request.sequenceNumberForOrdering(), key);
        Stream stream = streams.requireWritable(key);
        StreamMetadata metadata = stream.metadata();
        RecordWriter.checkSize(metadata, request.data(), request.partitionKey());
        DryRun.stopIfRequested(request.dryRun());
        Routed routed = stream.withOpenShards(() -> {
            StreamMetadata current = stream.metadata();
            int shardIndex = RecordWriter.route(stream, request.partitionKey(), explicitHashKey);
            if (!throughput.tryWrite(current.storageKey(), shardIndex,
                    RecordWriter.sizeBytes(request.data(), request.partitionKey()))) {
                throw KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED.exception(
                        RecordWriter.throttledMessage(current, shardIndex));
            }
            AppendResult appended = RecordWriter.append(stream, shardIndex,
                    List.of(new LogRecord(request.partitionKey(), request.data())), clock.millis());
            return new Routed(shardIndex, appended, current);
        });
        // A log that assigns the position at append time lets the answer be built here, on the worker; a remote
        // log learns it from its broker, so then it is built when durability completes.
        AppendedBatch assigned = routed.appended().assigned();
        PutRecordResponse prepared = assigned == null ? null : response(routed, assigned);
        return routed.appended().durable().thenApply(batch -> {
            stream.watchers().onRecordsAppended(routed.shardIndex());
            return prepared != null ? prepared : response(routed, batch);
        });
    }

    private static PutRecordResponse response(Routed routed, AppendedBatch batch) {
        String sequenceNumber = RecordWriter.sequenceNumber(routed.metadata(), routed.shardIndex(),
                batch.position(0), batch.arrivalMs(0));
        return new PutRecordResponse(ShardId.name(routed.shardIndex()), sequenceNumber,
                Encryption.ofRecord(routed.metadata(), batch.arrivalMs(0)));
    }

    private void checkOrderingNumber(String sequenceNumberForOrdering, StreamKey key) {
        if (sequenceNumberForOrdering == null) {
            return;
        }
        Optional<SequenceNumber> decoded = SequenceNumberCodec.decode(sequenceNumberForOrdering);
        if (decoded.isEmpty() || decoded.get().arrivalSeconds() * 1000 > clock.millis()) {
            throw KinesisError.INVALID_ARGUMENT.exception("ExclusiveMinimumSequenceNumber %s used in PutRecord on "
                    + "stream %s under account %s is invalid.", sequenceNumberForOrdering, key.name(),
                    key.accountId());
        }
    }
}
