package io.millrace.firehose.retry;

import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.destination.DestinationException;

/**
 * One attempt to deliver a batch to a destination that Firehose retries for {@code RetryOptions.DurationInSeconds}
 * (HTTP endpoint, Redshift). Returns when the destination acknowledged the whole batch; throws
 * {@link DestinationException} otherwise. {@code requestId} is the same on every attempt of one batch.
 */
public interface DeliveryAttempt {

    void attempt(DeliveryBatch batch, String requestId) throws DestinationException;
}
