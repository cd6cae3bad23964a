package io.millrace.protocol.error;

/**
 * The one exception type that crosses the operation boundary. The server encodes it in exactly one place.
 * Stack traces are not captured: these are expected, client-caused outcomes.
 */
public final class ApiException extends RuntimeException {
    private final KinesisError error;
    private final String wireMessage;

    public ApiException(KinesisError error, String wireMessage) {
        super(error.type() + (wireMessage == null ? "" : ": " + wireMessage), null, false, false);
        this.error = error;
        this.wireMessage = wireMessage;
    }

    public KinesisError error() {
        return error;
    }

    /** The message as sent to clients, or {@code null} when AWS sends none. */
    public String wireMessage() {
        return wireMessage;
    }
}
