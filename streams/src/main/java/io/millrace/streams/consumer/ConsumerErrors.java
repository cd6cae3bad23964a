package io.millrace.streams.consumer;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.stream.StreamKey;

/** The texts of errors about consumers and subscriptions, in one place. */
public final class ConsumerErrors {

    private ConsumerErrors() {
    }

    public static ApiException notFound(String consumerName, StreamKey stream) {
        // [UNVERIFIED] text; shaped like AWS's "not in ACTIVE status" message below.
        return KinesisError.RESOURCE_NOT_FOUND.exception("Consumer %s under stream %s and account %s not found.",
                consumerName, stream.name(), stream.accountId());
    }

    public static ApiException arnNotFound(String consumerArn) {
        // [UNVERIFIED] text for an ARN that names no registered consumer.
        return KinesisError.RESOURCE_NOT_FOUND.exception("Consumer %s not found.", consumerArn);
    }

    public static ApiException alreadyExists(String consumerName, StreamKey stream) {
        // [UNVERIFIED] text.
        return KinesisError.RESOURCE_IN_USE.exception("Consumer %s under stream %s and account %s already exists.",
                consumerName, stream.name(), stream.accountId());
    }

    /** Seen from AWS (SubscribeToShard on a consumer that is still CREATING). */
    public static ApiException notActive(ConsumerArn arn) {
        return KinesisError.RESOURCE_IN_USE.exception("Consumer %s with creation timestamp %d under stream %s and "
                + "account %s is not in ACTIVE status.", arn.consumerName(), arn.creationSeconds(),
                arn.stream().name(), arn.stream().accountId());
    }

    public static ApiException tooManyConsumers(StreamKey stream, int limit) {
        // [UNVERIFIED] text.
        return KinesisError.LIMIT_EXCEEDED.exception("Stream %s under account %s already has %d registered "
                + "consumers, the maximum allowed.", stream.name(), stream.accountId(), limit);
    }

    public static ApiException tooManyCreating(StreamKey stream, int limit) {
        // [UNVERIFIED] text.
        return KinesisError.LIMIT_EXCEEDED.exception("Account %s already has %d consumers in CREATING status; "
                + "wait until they are ACTIVE.", stream.accountId(), limit);
    }

    /** AWS's opening words are seen in the wild; what follows the colon is [UNVERIFIED]. */
    public static ApiException subscriptionExists(ConsumerArn arn, String shardId) {
        return KinesisError.RESOURCE_IN_USE.exception("Another active subscription exists for this consumer: "
                + "%s:%s:%s:%s", arn.stream().accountId(), arn.stream().name(), shardId, arn.consumerName());
    }

    public static ApiException consumerDeregistered(ConsumerArn arn) {
        // [UNVERIFIED] text of the exception event ending a subscription whose consumer was deregistered.
        return KinesisError.RESOURCE_NOT_FOUND.exception("Consumer %s was deregistered.", arn);
    }

    public static ApiException takenOver(ConsumerArn arn, String shardId) {
        // [UNVERIFIED] text of the exception event ending a subscription that a newer one took over.
        return KinesisError.RESOURCE_IN_USE.exception("A newer subscription of consumer %s to shard %s took over.",
                arn, shardId);
    }

    public static ApiException subscribeRateExceeded(ConsumerArn arn, String shardId) {
        // [UNVERIFIED] text; the limit (1 call/s per consumer and shard) and the error type are AWS's.
        return KinesisError.LIMIT_EXCEEDED.exception("Rate exceeded for consumer %s on shard %s in stream %s under "
                + "account %s.", arn.consumerName(), shardId, arn.stream().name(), arn.stream().accountId());
    }
}
