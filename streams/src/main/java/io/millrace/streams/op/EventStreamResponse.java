package io.millrace.streams.op;

import java.util.concurrent.Flow;

/**
 * The output of an operation that answers with an event stream rather than one body (SubscribeToShard). The server
 * sends the HTTP answer, then subscribes to {@link #events()} and frames each event, requesting more only as the
 * connection drains. Each event's model name is its record's simple class name.
 */
public interface EventStreamResponse {

    /** A single-use publisher; errors it signals are {@link io.millrace.protocol.error.ApiException}s. */
    Flow.Publisher<?> events();
}
