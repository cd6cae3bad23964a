package io.millrace.firehose.op;

/** Input of DeleteDeliveryStream. */
public record DeleteDeliveryStreamRequest(String deliveryStreamName, Boolean allowForceDelete) {
}
