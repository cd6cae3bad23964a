package io.millrace.firehose.processing;

import java.io.IOException;

/**
 * Synchronous invocation of a Lambda function with a JSON event, returning the function's JSON result. The seam
 * between the Lambda processor and how functions are reached ({@link HttpLambdaInvoker} posts the event to a
 * configured URL). Implementations are thread-safe.
 */
public interface LambdaInvoker {

    /**
     * Invokes {@code functionArn} with {@code event}; returns the result payload. Throws
     * {@link FunctionNotFoundException} when the function is unknown (not retried) and another IOException when the
     * invocation failed (retried by the caller).
     */
    byte[] invoke(String functionArn, byte[] event) throws IOException;

    /** The invoker of a server without Lambda mappings: every function is unknown. */
    static LambdaInvoker none() {
        return new HttpLambdaInvoker(LambdaEndpoints.NONE);
    }

    /** The function is not mapped to anything that could run it. */
    final class FunctionNotFoundException extends IOException {
        private static final long serialVersionUID = 1L;

        public FunctionNotFoundException(String message) {
            super(message);
        }
    }
}
