package io.millrace.firehose.op;

/** The output of operations whose model output shape has no members: encodes as {@code {}}. */
public record EmptyResponse() {
    static final EmptyResponse INSTANCE = new EmptyResponse();
}
