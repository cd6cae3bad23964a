package io.millrace.firehose.op;

/** Output of CreateDeliveryStream. */
public record CreateDeliveryStreamResponse(String deliveryStreamARN) {
}
