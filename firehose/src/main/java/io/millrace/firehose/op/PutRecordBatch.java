package io.millrace.firehose.op;

import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.stream.DeliveryStreamRegistry;
import io.millrace.protocol.error.FirehoseError;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html">PutRecordBatch</a>:
 * up to 500 records (model) and 4 MiB per call into the durable buffer, answered once they are on disk. Failure is
 * per record and is data: a full buffer or a storage fault fails the entries (ErrorCode/ErrorMessage,
 * FailedPutCount), never the call. The records are appended as one batch, so they succeed or fail together.
 */
final class PutRecordBatch implements FirehoseOperation<PutRecordBatchRequest, PutRecordBatchResponse> {
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
    /** [UNVERIFIED] message text for a per-entry storage failure. */
    static final String INTERNAL_FAILURE_MESSAGE = "Internal service failure.";

    private final Puts puts;

    PutRecordBatch(DeliveryStreamRegistry registry, Clock clock, long maxBufferedBytes) {
        this.puts = new Puts(registry, clock, maxBufferedBytes);
    }

    @Override
    public CompletionStage<PutRecordBatchResponse> execute(PutRecordBatchRequest request, FirehoseContext context) {
        try {
            DeliveryStream stream = puts.stream(context, request.deliveryStreamName());
            List<byte[]> records = new ArrayList<>(request.records().size());
            long bytes = 0;
            for (RecordData record : request.records()) {
                records.add(record.data());
                bytes += record.data().length;
            }
            if (bytes > MAX_BATCH_BYTES) {
                // [UNVERIFIED] AWS's wording for the 4 MiB request limit.
                throw FirehoseError.INVALID_ARGUMENT.exception(
                        "Records size exceeds the 4 MiB limit of a PutRecordBatch request.");
            }
            if (puts.isFull(stream, bytes)) {
                return CompletableFuture.completedFuture(allFailed(records.size(), "ServiceUnavailableException",
                        Puts.SLOW_DOWN));
            }
            String keyId = puts.keyFor(stream);
            return puts.append(stream, records, keyId).handle((ids, failure) -> failure == null
                    ? succeeded(ids, keyId != null)
                    : allFailed(records.size(), "InternalFailure", INTERNAL_FAILURE_MESSAGE));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static PutRecordBatchResponse succeeded(List<String> ids, boolean encrypted) {
        List<PutRecordBatchResponseEntry> entries = new ArrayList<>(ids.size());
        for (String id : ids) {
            entries.add(new PutRecordBatchResponseEntry(id, null, null));
        }
        return new PutRecordBatchResponse(0, encrypted, entries);
    }

    private static PutRecordBatchResponse allFailed(int count, String errorCode, String message) {
        List<PutRecordBatchResponseEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new PutRecordBatchResponseEntry(null, errorCode, message));
        }
        return new PutRecordBatchResponse(count, false, entries);
    }
}
