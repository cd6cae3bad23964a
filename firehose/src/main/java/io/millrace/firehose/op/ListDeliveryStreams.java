package io.millrace.firehose.op;

import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.stream.DeliveryStreamRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_ListDeliveryStreams.html">
 * ListDeliveryStreams</a>: names in alphabetical order after {@code ExclusiveStartDeliveryStreamName}, at most
 * {@code Limit} (default 10), optionally only those of one {@code DeliveryStreamType}.
 */
final class ListDeliveryStreams implements SyncFirehoseOperation<ListDeliveryStreamsRequest,
        ListDeliveryStreamsResponse> {
    private static final int DEFAULT_LIMIT = 10;

    private final DeliveryStreamRegistry registry;

    ListDeliveryStreams(DeliveryStreamRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ListDeliveryStreamsResponse call(ListDeliveryStreamsRequest request, FirehoseContext context) {
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        String after = request.exclusiveStartDeliveryStreamName();
        List<String> names = new ArrayList<>();
        for (DeliveryStream stream : registry.list(context.accountId(), context.region())) {
            String name = stream.metadata().name();
            boolean isAfterStart = after == null || name.compareTo(after) > 0;
            boolean hasType = request.deliveryStreamType() == null
                    || request.deliveryStreamType().equals(stream.metadata().deliveryStreamType());
            if (isAfterStart && hasType) {
                names.add(name);
            }
        }
        boolean hasMore = names.size() > limit;
        return new ListDeliveryStreamsResponse(hasMore ? names.subList(0, limit) : names, hasMore);
    }
}
