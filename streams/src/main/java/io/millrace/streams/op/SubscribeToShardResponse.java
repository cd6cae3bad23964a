package io.millrace.streams.op;

import io.millrace.streams.model.SubscribeToShardEvent;

import java.util.concurrent.Flow;

/** Output of SubscribeToShard: the events of the subscription, pushed as they happen. */
public record SubscribeToShardResponse(Flow.Publisher<SubscribeToShardEvent> eventStream)
        implements EventStreamResponse {

    @Override
    public Flow.Publisher<?> events() {
        return eventStream;
    }
}
