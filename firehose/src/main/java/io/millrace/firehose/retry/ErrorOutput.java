package io.millrace.firehose.retry;

import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.destination.DestinationException;

import java.io.IOException;

/** Where a batch goes when its retries are exhausted: the S3 error output. Returns once the records are durable. */
public interface ErrorOutput {

    /**
     * @param attemptsMade    attempts made for the batch
     * @param lastFailure     the failure of the last attempt
     * @param requestId       the batch's request id
     * @param attemptEndingMs when the last attempt ended
     */
    void write(DeliveryBatch batch, int attemptsMade, DestinationException lastFailure, String requestId,
               long attemptEndingMs) throws IOException;
}
