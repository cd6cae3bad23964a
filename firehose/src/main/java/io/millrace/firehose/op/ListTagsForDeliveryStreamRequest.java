package io.millrace.firehose.op;

/** Input of ListTagsForDeliveryStream. */
public record ListTagsForDeliveryStreamRequest(String deliveryStreamName, String exclusiveStartTagKey,
                                               Integer limit) {
}
