package io.millrace.protocol.error;

/**
 * The one exception type that crosses the operation boundary. The server encodes it in exactly one place.
 * Stack traces are not captured: these are expected, client-caused outcomes.
 *
 * <p>AWS puts the text under {@code "message"} for almost every error, but under a capital {@code "Message"}
 * for the SerializationExceptions of request type checking (REFERENCE §1.5); {@link #usesCapitalMessageKey()}
 * carries that quirk to the encoder.
 */
public final class ApiException extends RuntimeException {
    private final ServiceError error;
    private final String wireMessage;
    private final boolean capitalMessageKey;

    public ApiException(ServiceError error, String wireMessage) {
        this(error, wireMessage, false);
    }

    public ApiException(ServiceError error, String wireMessage, boolean capitalMessageKey) {
        super(error.type() + (wireMessage == null ? "" : ": " + wireMessage), null, false, false);
        this.error = error;
        this.wireMessage = wireMessage;
        this.capitalMessageKey = capitalMessageKey;
    }

    /** A SerializationException from request type checking, sent with the capital {@code Message} key. */
    public static ApiException typeError(String wireMessage) {
        return new ApiException(KinesisError.SERIALIZATION, wireMessage, true);
    }

    /** The catalogue entry: a {@link KinesisError} or a {@link FirehoseError}. */
    public ServiceError error() {
        return error;
    }

    /** The message as sent to clients, or {@code null} when AWS sends none. */
    public String wireMessage() {
        return wireMessage;
    }

    /** Whether the wire body names the message {@code "Message"} instead of {@code "message"}. */
    public boolean usesCapitalMessageKey() {
        return capitalMessageKey;
    }
}
