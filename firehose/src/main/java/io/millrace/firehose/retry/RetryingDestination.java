package io.millrace.firehose.retry;

import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.destination.Destination;
import io.millrace.firehose.destination.DestinationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.UUID;

/**
 * Firehose's retry policy for destinations with {@code RetryOptions} (FIREHOSE-REFERENCE §6.5, §8), as a
 * {@link Destination} over one {@link DeliveryAttempt}. Each delivery pass makes at most one attempt for the stream's
 * head batch: when it fails, the next one is scheduled by the {@link Backoff} and the records stay buffered
 * ({@link DeliveryDeferredException} until then). Once {@code retryDurationMs} has passed since the first failure, or
 * at once for a failure that is not retryable, the batch goes to the {@link ErrorOutput} and counts as delivered.
 * A duration of 0 means no retry. The state lives in a {@link RetryBook}, because delivery builds a new destination
 * per pass; time comes from the injected clock, so tests drive the schedule without sleeping.
 *
 * <p>Called on the stream's delivery lock, one batch at a time per stream; thread-safe across streams.
 */
public final class RetryingDestination implements Destination {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingDestination.class);

    private final String streamKey;
    private final DeliveryAttempt attempt;
    private final ErrorOutput errorOutput;
    private final Backoff backoff;
    private final long retryDurationMs;
    private final Clock clock;
    private final RetryBook book;

    public RetryingDestination(String streamKey, DeliveryAttempt attempt, ErrorOutput errorOutput, Backoff backoff,
                               long retryDurationMs, Clock clock, RetryBook book) {
        this.streamKey = streamKey;
        this.attempt = attempt;
        this.errorOutput = errorOutput;
        this.backoff = backoff;
        this.retryDurationMs = retryDurationMs;
        this.clock = clock;
        this.book = book;
    }

    @Override
    public void deliver(DeliveryBatch batch) throws IOException {
        PendingRetry pending = book.get(streamKey);
        if (pending != null && pending.exhausted()) {
            giveUp(batch, pending);
            return;
        }
        if (pending != null && clock.millis() < pending.nextAttemptMs()) {
            throw new DeliveryDeferredException("Retrying at " + pending.nextAttemptMs() + " ms after attempt "
                    + pending.attempts() + " failed: " + pending.lastError());
        }
        String requestId = pending == null ? UUID.randomUUID().toString() : pending.requestId();
        int attempts = pending == null ? 1 : pending.attempts() + 1;
        try {
            attempt.attempt(batch, requestId);
        } catch (DestinationException failure) {
            long endedMs = clock.millis();
            long firstFailureMs = pending == null ? endedMs : pending.firstFailureMs();
            long deadlineMs = firstFailureMs + retryDurationMs;
            boolean exhausted = !failure.isRetryable() || endedMs >= deadlineMs;
            // The next attempt never waits past the deadline: the last one starts when the window closes.
            long nextMs = Math.min(endedMs + backoff.delayMs(attempts - 1), deadlineMs);
            PendingRetry next = new PendingRetry(requestId, firstFailureMs, attempts, nextMs, failure.errorCode(),
                    failure.getMessage(), exhausted);
            book.put(streamKey, next);
            if (exhausted) {
                giveUp(batch, next, failure, endedMs);
                return;
            }
            throw failure;
        }
        book.forget(streamKey);
    }

    private void giveUp(DeliveryBatch batch, PendingRetry pending) throws IOException {
        giveUp(batch, pending, new DestinationException(pending.errorCode(), pending.lastError(), false, null),
                clock.millis());
    }

    private void giveUp(DeliveryBatch batch, PendingRetry pending, DestinationException failure, long endedMs)
            throws IOException {
        errorOutput.write(batch, pending.attempts(), failure, pending.requestId(), endedMs);
        book.forget(streamKey);
        LOG.warn("Delivery stream {}: {} records went to the S3 error output after {} attempts; last failure: {} {}",
                batch.deliveryStreamName(), batch.records().size(), pending.attempts(), failure.errorCode(),
                failure.getMessage());
    }
}
