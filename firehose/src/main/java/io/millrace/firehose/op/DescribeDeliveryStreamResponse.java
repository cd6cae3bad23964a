package io.millrace.firehose.op;

/** Output of DescribeDeliveryStream. */
public record DescribeDeliveryStreamResponse(DeliveryStreamDescription deliveryStreamDescription) {
}
