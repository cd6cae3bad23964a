package io.millrace.streams.op;

import io.millrace.log.AppendResult;
import io.millrace.log.AppendedBatch;
import io.millrace.log.LogRecord;
import io.millrace.log.StorageException;
import io.millrace.streams.limit.ShardThroughput;
import io.millrace.streams.model.PutRecordsRequestEntry;
import io.millrace.streams.model.PutRecordsResultEntry;
import io.millrace.streams.position.SequenceNumberEncoder;
import io.millrace.streams.shard.HashKey;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>: groups the
 * records by shard (keeping request order within a shard), appends one batch per shard and answers when every batch
 * has settled. Partial failure is data: a batch that could not be made durable yields per-record
 * {@code InternalFailure} entries while the other batches succeed, and a record over its shard's enforced write
 * rate gets a {@code ProvisionedThroughputExceededException} entry. Thread-safe.
 */
public final class PutRecords implements Operation<PutRecordsRequest, PutRecordsResponse> {
    static final String INTERNAL_FAILURE = "InternalFailure";
    static final String INTERNAL_FAILURE_MESSAGE = "Internal Service Failure";

    static final String THROTTLED = "ProvisionedThroughputExceededException";

    private final StreamRegistry streams;
    private final ShardThroughput throughput;
    private final Clock clock;

    PutRecords(StreamRegistry streams, ShardThroughput throughput, Clock clock) {
        this.streams = streams;
        this.throughput = throughput;
        this.clock = clock;
    }

    @Override
    public CompletionStage<PutRecordsResponse> execute(PutRecordsRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        List<PutRecordsRequestEntry> entries = request.records();
        HashKey[] explicitHashKeys = new HashKey[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            explicitHashKeys[i] = RecordWriter.explicitHashKey(entries.get(i).explicitHashKey());
        }
        Stream stream = streams.requireWritable(key);
        StreamMetadata checked = stream.metadata();
        entries.forEach(entry -> RecordWriter.checkSize(checked, entry.data(), entry.partitionKey()));
        DryRun.stopIfRequested(request.dryRun());
        PutRecordsResultEntry[] results = new PutRecordsResultEntry[entries.size()];
        long nowMs = clock.millis();
        List<CompletableFuture<Void>> batches = stream.withOpenShards(() -> {
            StreamMetadata metadata = stream.metadata();
            Map<Integer, List<Integer>> entriesByShard = new LinkedHashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsRequestEntry entry = entries.get(i);
                int shardIndex = RecordWriter.route(stream, entry.partitionKey(), explicitHashKeys[i]);
                if (throughput.tryWrite(metadata.storageKey(), shardIndex,
                        RecordWriter.sizeBytes(entry.data(), entry.partitionKey()))) {
                    entriesByShard.computeIfAbsent(shardIndex, s -> new ArrayList<>()).add(i);
                } else {
                    // Partial failure is data: only this record is refused, the others go on.
                    results[i] = new PutRecordsResultEntry(null, null, THROTTLED,
                            RecordWriter.throttledMessage(metadata, shardIndex));
                }
            }
            List<CompletableFuture<Void>> appended = new ArrayList<>(entriesByShard.size());
            entriesByShard.forEach((shardIndex, indexes) ->
                    appended.add(appendBatch(stream, metadata, shardIndex, indexes, entries, results, nowMs)));
            return appended;
        });
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).thenApply(done -> {
            int failed = (int) Arrays.stream(results).filter(r -> r.errorCode() != null).count();
            return new PutRecordsResponse(failed, List.of(results), Encryption.ofRecord(checked, nowMs));
        });
    }

    /** Appends one shard's records; completes (never exceptionally) once their result entries are filled in. */
    private static CompletableFuture<Void> appendBatch(Stream stream, StreamMetadata metadata, int shardIndex,
            List<Integer> indexes, List<PutRecordsRequestEntry> entries, PutRecordsResultEntry[] results,
            long nowMs) {
        List<LogRecord> records = indexes.stream()
                .map(i -> new LogRecord(entries.get(i).partitionKey(), entries.get(i).data()))
                .toList();
        AppendResult appended;
        try {
            appended = RecordWriter.append(stream, shardIndex, records, nowMs);
        } catch (StorageException e) {
            // Not an error conversion: PutRecords reports a failed batch per record, as AWS does.
            fail(indexes, results);
            return CompletableFuture.completedFuture(null);
        }
        // Entries need positions and arrival times. A log that assigns them at append time lets them be built
        // here, on the worker; a remote log (Kafka) learns them from its broker, so they are built when durability
        // completes. They are read only after every batch has settled.
        String shardId = ShardId.name(shardIndex);
        long shardCreationMs = metadata.shard(shardIndex).creationMs();
        AppendedBatch assigned = appended.assigned();
        if (assigned != null) {
            succeed(assigned, shardCreationMs, shardIndex, shardId, indexes, results);
        }
        return appended.durable().handle((batch, failure) -> {
            if (failure != null) {
                fail(indexes, results);
            } else if (assigned == null) {
                succeed(batch, shardCreationMs, shardIndex, shardId, indexes, results);
            }
            stream.watchers().onRecordsAppended(shardIndex);
            return null;
        });
    }

    private static void succeed(AppendedBatch batch, long shardCreationMs, int shardIndex, String shardId,
                                List<Integer> indexes, PutRecordsResultEntry[] results) {
        SequenceNumberEncoder numbers = new SequenceNumberEncoder();
        for (int k = 0; k < indexes.size(); k++) {
            String sequenceNumber = numbers.forRecord(shardCreationMs, shardIndex, batch.position(k),
                    batch.arrivalMs(k));
            results[indexes.get(k)] = new PutRecordsResultEntry(sequenceNumber, shardId, null, null);
        }
    }

    private static void fail(List<Integer> indexes, PutRecordsResultEntry[] results) {
        for (int index : indexes) {
            results[index] = new PutRecordsResultEntry(null, null, INTERNAL_FAILURE, INTERNAL_FAILURE_MESSAGE);
        }
    }
}
