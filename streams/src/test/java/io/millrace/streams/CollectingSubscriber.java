package io.millrace.streams;

import io.millrace.streams.model.SubscribeToShardEvent;
import io.millrace.streams.op.SubscribeToShardResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/** A subscriber that records what it is sent and requests only when the test says so. Not thread-safe. */
public final class CollectingSubscriber implements Flow.Subscriber<SubscribeToShardEvent> {
    public final List<SubscribeToShardEvent> events = new ArrayList<>();
    public Flow.Subscription subscription;
    public Throwable error;
    public boolean isComplete;

    /** A new collector subscribed to the event stream of {@code response}; it has requested nothing yet. */
    public static CollectingSubscriber to(SubscribeToShardResponse response) {
        CollectingSubscriber subscriber = new CollectingSubscriber();
        response.eventStream().subscribe(subscriber);
        return subscriber;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
    }

    @Override
    public void onNext(SubscribeToShardEvent event) {
        events.add(event);
    }

    @Override
    public void onError(Throwable failure) {
        this.error = failure;
    }

    @Override
    public void onComplete() {
        this.isComplete = true;
    }

    public void request(long n) {
        subscription.request(n);
    }

    public SubscribeToShardEvent last() {
        return events.get(events.size() - 1);
    }

    /** Payloads of every record received, in order, as UTF-8. */
    public List<String> data() {
        return events.stream().flatMap(e -> e.records().stream())
                .map(r -> new String(r.data(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }
}
