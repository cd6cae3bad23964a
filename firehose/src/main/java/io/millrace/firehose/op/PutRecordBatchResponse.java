package io.millrace.firehose.op;

import java.util.List;

/** Output of PutRecordBatch; {@code FailedPutCount} is always present. */
public record PutRecordBatchResponse(int failedPutCount, boolean encrypted,
                                     List<PutRecordBatchResponseEntry> requestResponses) {
}
