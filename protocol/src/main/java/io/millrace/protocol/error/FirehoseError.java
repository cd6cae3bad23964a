package io.millrace.protocol.error;

/**
 * The closed catalogue of errors Millrace puts on the wire for Firehose (FIREHOSE-REFERENCE §1, §2). Protocol-level
 * errors (serialization, validation, unknown operation, authentication) are the shared Coral front end's and stay in
 * {@link KinesisError}. These strings exist only here.
 */
public enum FirehoseError implements ServiceError {
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400, false),
    RESOURCE_IN_USE("ResourceInUseException", 400, false),
    INVALID_ARGUMENT("InvalidArgumentException", 400, false),
    LIMIT_EXCEEDED("LimitExceededException", 400, false),
    CONCURRENT_MODIFICATION("ConcurrentModificationException", 400, false),
    INVALID_KMS_RESOURCE("InvalidKMSResourceException", 400, false),
    INVALID_SOURCE("InvalidSourceException", 400, false),
    /** A {@code fault} in the model; the real status is unrecorded, 503 makes every SDK retry it [UNVERIFIED]. */
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503, true);

    private final String type;
    private final int httpStatus;
    private final boolean retryable;

    FirehoseError(String type, int httpStatus, boolean retryable) {
        this.type = type;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
