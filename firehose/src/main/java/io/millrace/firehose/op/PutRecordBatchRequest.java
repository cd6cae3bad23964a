package io.millrace.firehose.op;

import java.util.List;

/** Input of PutRecordBatch. */
public record PutRecordBatchRequest(String deliveryStreamName, List<RecordData> records) {
}
