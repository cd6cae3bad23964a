package io.millrace.streams.op;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamConsumer.html">
 * DescribeStreamConsumer</a>, by consumer ARN or by stream ARN and consumer name. Thread-safe.
 */
public final class DescribeStreamConsumer
        implements SyncOperation<DescribeStreamConsumerRequest, DescribeStreamConsumerResponse> {
    private final ConsumerLookup lookup;

    DescribeStreamConsumer(ConsumerLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public DescribeStreamConsumerResponse call(DescribeStreamConsumerRequest request, RequestContext context) {
        ConsumerLookup.Found found = lookup.find(request.streamARN(), request.consumerName(), request.consumerARN());
        return new DescribeStreamConsumerResponse(
                ConsumerShapes.description(found.consumer(), found.stream().metadata().arn()));
    }
}
