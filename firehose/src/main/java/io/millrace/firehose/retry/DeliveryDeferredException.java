package io.millrace.firehose.retry;

import java.io.IOException;

/**
 * Thrown instead of an attempt while a failing batch waits for its next attempt: the records stay buffered, and the
 * delivery pass moves on to other streams. The message carries the failure being retried.
 */
public final class DeliveryDeferredException extends IOException {

    public DeliveryDeferredException(String message) {
        super(message);
    }
}
