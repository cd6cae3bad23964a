package io.millrace.firehose.destination;

import java.io.IOException;

/**
 * A failed delivery attempt, described as Firehose describes it in error records and logs: an {@code errorCode}
 * such as {@code HttpEndpoint.DestinationException} and a message. {@code retryable} is false when another attempt
 * cannot succeed (an HTTP endpoint answering 413), so the batch goes to the error output at once.
 */
public final class DestinationException extends IOException {
    private final String errorCode;
    private final boolean retryable;

    public DestinationException(String errorCode, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
