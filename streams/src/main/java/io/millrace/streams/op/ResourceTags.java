package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.channel.ChannelArn;
import io.millrace.streams.channel.ChannelErrors;
import io.millrace.streams.channel.ChannelMetadata;
import io.millrace.streams.channel.ChannelRegistry;
import io.millrace.streams.consumer.ConsumerArn;
import io.millrace.streams.consumer.ConsumerErrors;
import io.millrace.streams.consumer.ConsumerMetadata;
import io.millrace.streams.consumer.ConsumerRegistry;
import io.millrace.streams.model.ChannelStatus;
import io.millrace.streams.model.ConsumerStatus;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The tags of whatever a {@code ResourceARN} names: a stream, a registered consumer (reference 3.7) or a channel
 * (whose Tags CreateChannel takes, and whose ARNs the SDK's endpoint rules accept as resource ARNs). The same
 * character and 50-tag rules apply to all three. Streams and consumers must be ACTIVE (or UPDATING, for streams) to
 * change their tags; channels must not be CREATING or DELETING. Thread-safe: every change goes through a registry.
 */
final class ResourceTags {
    private final StreamRegistry streams;
    private final ConsumerRegistry consumers;
    private final ChannelRegistry channels;

    ResourceTags(StreamRegistry streams, ConsumerRegistry consumers, ChannelRegistry channels) {
        this.streams = streams;
        this.consumers = consumers;
        this.channels = channels;
    }

    void add(String arn, Map<String, String> tags) {
        if (!isChannelOrConsumer(arn)) {
            StreamTags.add(streams, ResourceArns.stream(arn), tags);
            return;
        }
        List<String> texts = new ArrayList<>(tags.keySet());
        texts.addAll(tags.values());
        change(arn, "add tags to", texts, current -> {
            Map<String, String> merged = new TreeMap<>(current);
            merged.putAll(tags);
            return merged;
        });
    }

    void remove(String arn, List<String> keys) {
        if (!isChannelOrConsumer(arn)) {
            StreamTags.remove(streams, ResourceArns.stream(arn), keys);
            return;
        }
        change(arn, "remove tags from", keys, current -> {
            Map<String, String> remaining = new TreeMap<>(current);
            keys.forEach(remaining::remove);
            return remaining;
        });
    }

    Map<String, String> list(String arn) {
        if (ChannelArn.isChannelArn(arn)) {
            return channels.find(arn).orElseThrow(() -> ChannelErrors.notFound(arn)).tags();
        }
        ConsumerArn consumer = ConsumerArn.parse(arn);
        if (consumer != null) {
            return consumers.find(consumerStream(arn, consumer), consumer.consumerName())
                    .filter(c -> c.arn().equals(arn))
                    .orElseThrow(() -> ConsumerErrors.arnNotFound(arn)).tags();
        }
        return streams.require(ResourceArns.stream(arn)).metadata().tags();
    }

    private static boolean isChannelOrConsumer(String arn) {
        return ChannelArn.isChannelArn(arn) || ConsumerArn.parse(arn) != null;
    }

    private void change(String arn, String verb, List<String> texts, UnaryOperator<Map<String, String>> change) {
        if (ChannelArn.isChannelArn(arn)) {
            ChannelMetadata channel = channels.find(arn).orElseThrow(() -> ChannelErrors.notFound(arn));
            StreamTags.checkCharacters(texts, verb, "channel", channel.name(), channel.accountId());
            channels.update(arn, c -> c.withTags(checked(change.apply(c.tags()), channelState(c), "channel",
                    c.name(), c.accountId())));
            return;
        }
        ConsumerArn consumer = ConsumerArn.parse(arn);
        String accountId = consumer.stream().accountId();
        StreamTags.checkCharacters(texts, verb, "consumer", consumer.consumerName(), accountId);
        consumers.retag(consumerStream(arn, consumer), arn, c -> checked(change.apply(c.tags()), consumerState(c),
                "consumer", c.name(), accountId)).orElseThrow(() -> ConsumerErrors.arnNotFound(arn));
    }

    private StreamMetadata consumerStream(String arn, ConsumerArn consumer) {
        return streams.find(consumer.stream()).orElseThrow(() -> ConsumerErrors.arnNotFound(arn)).metadata();
    }

    /** {@code tags} once the resource's state allows the change ({@code stateError} null) and the count is in range. */
    private static Map<String, String> checked(Map<String, String> tags, String stateError, String kind, String name,
            String accountId) {
        if (stateError != null) {
            throw KinesisError.RESOURCE_IN_USE.exception("%s", stateError);
        }
        StreamTags.checkCount(tags.size(), kind, name, accountId);
        return tags;
    }

    private static String channelState(ChannelMetadata channel) {
        boolean settled = channel.status() != ChannelStatus.CREATING && channel.status() != ChannelStatus.DELETING;
        // [UNVERIFIED] text, worded like the stream one.
        return settled ? null : "Channel %s under account %s is in %s state; its tags cannot be changed now."
                .formatted(channel.name(), channel.accountId(), channel.status());
    }

    private static String consumerState(ConsumerMetadata consumer) {
        // [UNVERIFIED] text.
        return consumer.status() == ConsumerStatus.ACTIVE ? null
                : "Consumer %s is in %s state; its tags cannot be changed now.".formatted(consumer.arn(),
                        consumer.status());
    }
}
