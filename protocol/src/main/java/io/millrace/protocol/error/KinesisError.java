package io.millrace.protocol.error;

/**
 * The closed catalogue of errors Millrace puts on the wire for Kinesis. Each constant carries the wire
 * {@code __type}, the HTTP status and whether AWS clients treat it as retryable. These strings exist only here.
 */
public enum KinesisError implements ServiceError {
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400, false),
    RESOURCE_IN_USE("ResourceInUseException", 400, false),
    INVALID_ARGUMENT("InvalidArgumentException", 400, false),
    LIMIT_EXCEEDED("LimitExceededException", 400, true),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400, true),
    EXPIRED_ITERATOR("ExpiredIteratorException", 400, false),
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException", 400, false),
    /** The answer to a valid request that carried {@code DryRun: true} (2026 supplement). */
    DRY_RUN_OPERATION("DryRunOperationException", 400, false),
    VALIDATION("ValidationException", 400, false),
    SERIALIZATION("SerializationException", 400, false),
    UNKNOWN_OPERATION("UnknownOperationException", 400, false),
    ACCESS_DENIED("AccessDeniedException", 400, false),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400, false),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400, false),
    INVALID_SIGNATURE("InvalidSignatureException", 400, false),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400, false),
    /** A body larger than the server accepts. AWS answers such requests with HTTP 413. */
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413, false),
    /** The KMS key named for encryption (or that stored records were encrypted with) does not exist. */
    KMS_NOT_FOUND("KMSNotFoundException", 400, false),
    INTERNAL_FAILURE("InternalFailure", 500, true),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503, true);

    private final String type;
    private final int httpStatus;
    private final boolean retryable;

    KinesisError(String type, int httpStatus, boolean retryable) {
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
