package io.millrace.firehose.op;

import java.util.List;

/** Input of UntagDeliveryStream. */
public record UntagDeliveryStreamRequest(String deliveryStreamName, List<String> tagKeys) {
}
