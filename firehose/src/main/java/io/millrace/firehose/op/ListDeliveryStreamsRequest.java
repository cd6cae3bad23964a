package io.millrace.firehose.op;

/** Input of ListDeliveryStreams. */
public record ListDeliveryStreamsRequest(Integer limit, String deliveryStreamType,
                                         String exclusiveStartDeliveryStreamName) {
}
