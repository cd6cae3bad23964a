package io.millrace.streams.op;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.streams.CollectingSubscriber;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.Requests;
import io.millrace.streams.SharedMemoryMetadata;
import io.millrace.streams.SharedMemoryStore;
import io.millrace.streams.model.ShardIteratorType;

import static io.millrace.streams.Requests.create;

/**
 * The set-up of the tests of SubscribeToShard's rules across gateways: two engines sharing one in-memory metadata
 * store and log store, each with its own manual clock, with stream {@code s} of one shard and consumer {@code app}
 * registered through {@link #a}. Not thread-safe.
 */
final class TwoGateways implements AutoCloseable {
    static final String SHARD = "shardId-000000000000";

    final SharedMemoryMetadata metadata = new SharedMemoryMetadata();
    final EngineFixture a;
    final EngineFixture b;
    final String consumerArn;

    TwoGateways(EngineConfig config) {
        SharedMemoryStore store = new SharedMemoryStore(new InMemoryLogStore(), metadata);
        a = new EngineFixture(store, config);
        b = new EngineFixture(store, config);
        a.call("CreateStream", create("s", 1));
        consumerArn = DeregisterStreamConsumerTest.registerApp(a);
    }

    /** SubscribeToShard of the consumer to the shard, at LATEST. */
    SubscribeToShardRequest request() {
        return Requests.subscribe(consumerArn, SHARD, ShardIteratorType.LATEST, null);
    }

    /** Subscribes through {@code gateway} and asks for ten events. */
    CollectingSubscriber subscribe(EngineFixture gateway) {
        CollectingSubscriber subscriber = CollectingSubscriber.to(gateway.call("SubscribeToShard", request()));
        subscriber.request(10);
        return subscriber;
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
