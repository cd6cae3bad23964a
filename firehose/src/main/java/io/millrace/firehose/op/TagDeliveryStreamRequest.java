package io.millrace.firehose.op;

import io.millrace.firehose.model.Tag;

import java.util.List;

/** Input of TagDeliveryStream. */
public record TagDeliveryStreamRequest(String deliveryStreamName, List<Tag> tags) {
}
