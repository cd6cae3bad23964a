package io.millrace.firehose.op;

/** Input of PutRecord. */
public record PutRecordRequest(String deliveryStreamName, RecordData record) {
}
