package io.millrace.bench;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One registered consumer reading one shard with SubscribeToShard through the async SDK client (HTTP/2): requests one
 * event at a time, as KCL does, and resubscribes after the continuation number whenever a subscription ends (its
 * lifetime, a takeover, an error), until {@link #stop()}.
 *
 * <p>Thread safety: the SDK calls the subscriber on its own threads, one event at a time; {@link #stop()} and the
 * counters may be used from any thread.
 */
final class SubscribeToShardReader {
    private final KinesisAsyncClient kinesis;
    private final String consumerArn;
    private final String shardId;
    private final ReceivedRecords received;
    private final CompletableFuture<Void> firstEvent = new CompletableFuture<>();
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile String continuation;
    private volatile boolean isStopped;
    private volatile Subscription current;

    SubscribeToShardReader(KinesisAsyncClient kinesis, String consumerArn, String shardId, ReceivedRecords received) {
        this.kinesis = kinesis;
        this.consumerArn = consumerArn;
        this.shardId = shardId;
        this.received = received;
    }

    /** Subscribes at LATEST; the future completes with the first event, when the start position is fixed. */
    CompletableFuture<Void> start() {
        subscribe();
        return firstEvent;
    }

    void stop() {
        isStopped = true;
        Subscription s = current;
        if (s != null) {
            s.cancel();
        }
    }

    long subscriptions() {
        return subscriptions.get();
    }

    long errors() {
        return errors.get();
    }

    private void subscribe() {
        if (isStopped) {
            return;
        }
        subscriptions.incrementAndGet();
        String after = continuation;
        StartingPosition start = after == null
                ? StartingPosition.builder().type(ShardIteratorType.LATEST).build()
                : StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after)
                        .build();
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onEventStream(publisher -> publisher.subscribe(new EventSubscriber()))
                .onError(e -> errors.incrementAndGet())
                .build();
        kinesis.subscribeToShard(SubscribeToShardRequest.builder().consumerARN(consumerArn).shardId(shardId)
                .startingPosition(start).build(), handler)
                .whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        subscribe();
                    } else {
                        // One call per second per consumer and shard is all AWS admits; retry no faster.
                        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(this::subscribe);
                    }
                });
    }

    /** Receives one subscription's events; a new one is made for every subscription. */
    private final class EventSubscriber implements Subscriber<SubscribeToShardEventStream> {
        @Override
        public void onSubscribe(Subscription s) {
            current = s;
            s.request(1);
        }

        @Override
        public void onNext(SubscribeToShardEventStream item) {
            long now = System.nanoTime();
            if (item instanceof SubscribeToShardEvent event) {
                if (!event.records().isEmpty()) {
                    received.onBatch();
                }
                for (Record record : event.records()) {
                    received.onRecord(record.data().asByteBuffer(), now);
                }
                continuation = event.continuationSequenceNumber();
                firstEvent.complete(null);
            }
            current.request(1);
        }

        @Override
        public void onError(Throwable t) {
            // The call's future completes exceptionally too and resubscribes; counted in the handler.
        }

        @Override
        public void onComplete() {
        }
    }
}
