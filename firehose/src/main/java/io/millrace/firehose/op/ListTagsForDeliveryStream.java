package io.millrace.firehose.op;

import io.millrace.firehose.model.Tag;
import io.millrace.firehose.stream.DeliveryStreamKey;
import io.millrace.firehose.stream.DeliveryStreamRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_ListTagsForDeliveryStream.html">
 * ListTagsForDeliveryStream</a>: tags in key order after {@code ExclusiveStartTagKey}, at most {@code Limit}
 * (default 50) [order UNVERIFIED].
 */
final class ListTagsForDeliveryStream implements SyncFirehoseOperation<ListTagsForDeliveryStreamRequest,
        ListTagsForDeliveryStreamResponse> {
    private final DeliveryStreamRegistry registry;

    ListTagsForDeliveryStream(DeliveryStreamRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ListTagsForDeliveryStreamResponse call(ListTagsForDeliveryStreamRequest request,
                                                  FirehoseContext context) {
        DeliveryStreamKey key = new DeliveryStreamKey(context.accountId(), context.region(),
                request.deliveryStreamName());
        int limit = request.limit() == null ? TagDeliveryStream.MAX_TAGS : request.limit();
        List<Tag> tags = new ArrayList<>();
        for (Map.Entry<String, String> tag : new TreeMap<>(registry.require(key).metadata().tags()).entrySet()) {
            if (request.exclusiveStartTagKey() == null || tag.getKey().compareTo(request.exclusiveStartTagKey()) > 0) {
                tags.add(new Tag(tag.getKey(), tag.getValue()));
            }
        }
        boolean hasMore = tags.size() > limit;
        return new ListTagsForDeliveryStreamResponse(hasMore ? tags.subList(0, limit) : tags, hasMore);
    }
}
