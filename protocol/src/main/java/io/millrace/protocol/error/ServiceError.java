package io.millrace.protocol.error;

/**
 * One entry of a service's closed error catalogue ({@link KinesisError}, {@link FirehoseError}): the wire
 * {@code __type}, the HTTP status and whether AWS clients retry it. The server encodes every catalogue the same way,
 * in one place, so this is all it needs to know about an error.
 */
public interface ServiceError {

    /** The wire {@code __type} and {@code x-amzn-ErrorType}. */
    String type();

    int httpStatus();

    boolean isRetryable();

    /** An exception carrying this error with a message formatted from {@code template}. */
    default ApiException exception(String template, Object... args) {
        return new ApiException(this, args.length == 0 ? template : String.format(template, args));
    }

    /** An exception carrying this error and no message at all, as AWS sends for some protocol errors. */
    default ApiException withoutMessage() {
        return new ApiException(this, null);
    }
}
