package io.millrace.firehose.op;

import io.millrace.firehose.model.Tag;
import io.millrace.firehose.stream.DeliveryStreamKey;
import io.millrace.firehose.stream.DeliveryStreamRegistry;
import io.millrace.protocol.error.FirehoseError;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_TagDeliveryStream.html">TagDeliveryStream</a>:
 * adds or overwrites tags; a stream may hold at most 50 (key and value patterns are the model's).
 */
final class TagDeliveryStream implements SyncFirehoseOperation<TagDeliveryStreamRequest, EmptyResponse> {
    static final int MAX_TAGS = 50;

    private final DeliveryStreamRegistry registry;

    TagDeliveryStream(DeliveryStreamRegistry registry) {
        this.registry = registry;
    }

    @Override
    public EmptyResponse call(TagDeliveryStreamRequest request, FirehoseContext context) {
        DeliveryStreamKey key = new DeliveryStreamKey(context.accountId(), context.region(),
                request.deliveryStreamName());
        registry.update(registry.require(key), metadata -> {
            Map<String, String> tags = new LinkedHashMap<>(metadata.tags());
            for (Tag tag : request.tags()) {
                tags.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
            if (tags.size() > MAX_TAGS) {
                // [UNVERIFIED] own wording for the 50-tag limit.
                throw FirehoseError.LIMIT_EXCEEDED.exception(
                        "A delivery stream cannot have more than %d tags.", MAX_TAGS);
            }
            return metadata.withTags(tags);
        });
        return EmptyResponse.INSTANCE;
    }
}
