package io.millrace.firehose.op;

import io.millrace.firehose.stream.DeliveryStreamKey;
import io.millrace.firehose.stream.DeliveryStreamRegistry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_UntagDeliveryStream.html">
 * UntagDeliveryStream</a>: removes the named tags; keys the stream does not have are ignored.
 */
final class UntagDeliveryStream implements SyncFirehoseOperation<UntagDeliveryStreamRequest, EmptyResponse> {
    private final DeliveryStreamRegistry registry;

    UntagDeliveryStream(DeliveryStreamRegistry registry) {
        this.registry = registry;
    }

    @Override
    public EmptyResponse call(UntagDeliveryStreamRequest request, FirehoseContext context) {
        DeliveryStreamKey key = new DeliveryStreamKey(context.accountId(), context.region(),
                request.deliveryStreamName());
        registry.update(registry.require(key), metadata -> {
            Map<String, String> tags = new LinkedHashMap<>(metadata.tags());
            request.tagKeys().forEach(tags::remove);
            return metadata.withTags(tags);
        });
        return EmptyResponse.INSTANCE;
    }
}
