package io.millrace.firehose.op;

import java.util.List;

/** Output of ListDeliveryStreams. */
public record ListDeliveryStreamsResponse(List<String> deliveryStreamNames, boolean hasMoreDeliveryStreams) {
}
