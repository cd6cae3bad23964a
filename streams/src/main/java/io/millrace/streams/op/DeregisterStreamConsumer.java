package io.millrace.streams.op;

import io.millrace.streams.consumer.ConsumerArn;
import io.millrace.streams.consumer.ConsumerErrors;
import io.millrace.streams.consumer.ConsumerRegistry;
import io.millrace.streams.consumer.SubscriptionHub;
import io.millrace.streams.model.ConsumerStatus;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeregisterStreamConsumer.html">
 * DeregisterStreamConsumer</a>: the consumer turns DELETING (gone after the configured delay, at once by default)
 * and its live subscriptions end with an exception event. Thread-safe.
 */
public final class DeregisterStreamConsumer implements SyncOperation<DeregisterStreamConsumerRequest, Void> {
    private final ConsumerLookup lookup;
    private final ConsumerRegistry consumers;
    private final SubscriptionHub subscriptions;

    DeregisterStreamConsumer(ConsumerLookup lookup, ConsumerRegistry consumers, SubscriptionHub subscriptions) {
        this.lookup = lookup;
        this.consumers = consumers;
        this.subscriptions = subscriptions;
    }

    @Override
    public Void call(DeregisterStreamConsumerRequest request, RequestContext context) {
        ConsumerLookup.Found found = lookup.find(request.streamARN(), request.consumerName(), request.consumerARN());
        if (found.consumer().status() == ConsumerStatus.DELETING) {
            return null; // already on its way out
        }
        consumers.deregister(found.stream().metadata(), found.consumer().name());
        subscriptions.terminateConsumer(found.consumer().arn(),
                ConsumerErrors.consumerDeregistered(ConsumerArn.parse(found.consumer().arn())));
        return null;
    }
}
