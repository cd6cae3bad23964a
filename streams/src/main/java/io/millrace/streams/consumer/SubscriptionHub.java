package io.millrace.streams.consumer;

import io.millrace.protocol.error.ApiException;
import io.millrace.streams.limit.SubscriptionThroughput;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The live SubscribeToShard streams of this node, at most one per consumer and shard. Enforces the takeover rule
 * (a second subscription within {@link FanOutConfig#takeoverAfterMs()} of the first is refused, a later one ends
 * the first) and the opt-in {@link SubscriptionThroughput} limits, ends a deregistered consumer's streams, and drives
 * time: {@link #tick()} wakes every subscription so it can send its heartbeat or end at its lifetime, following the
 * injected clock, and {@link #wakeThrottled()} wakes only those waiting for their delivery allowance.
 *
 * <p>Thread safety: {@link #open} is serialised on the hub's monitor (the check and the takeover must be one step);
 * everything else is lock-free.
 */
public final class SubscriptionHub {
    private record Key(String consumerArn, int shardIndex) {
    }

    private final StreamRegistry streams;
    private final FanOutConfig config;
    private final Clock clock;
    private final Executor executor;
    private final SubscriptionThroughput throughput;
    private final Map<Key, ShardSubscription> live = new ConcurrentHashMap<>();
    private final Set<ShardSubscription> throttled = ConcurrentHashMap.newKeySet();

    /** {@code executor} runs the subscriptions' reads and emissions; it must not be an event loop. No limits. */
    public SubscriptionHub(StreamRegistry streams, FanOutConfig config, Clock clock, Executor executor) {
        this(streams, config, clock, executor, SubscriptionThroughput.unlimited());
    }

    /** As above, with the per-consumer-and-shard limits of {@code throughput}. */
    public SubscriptionHub(StreamRegistry streams, FanOutConfig config, Clock clock, Executor executor,
                           SubscriptionThroughput throughput) {
        this.streams = streams;
        this.config = config;
        this.clock = clock;
        this.executor = executor;
        this.throughput = throughput;
    }

    /**
     * A new subscription of {@code consumer} to a shard of {@code stream}, from log position {@code startPosition}.
     * ResourceInUse while an earlier one is live and younger than the takeover time; an older one is ended.
     */
    public synchronized ShardSubscription open(ConsumerArn consumer, Stream stream, int shardIndex,
                                               long startPosition) {
        long nowMs = clock.millis();
        if (!throughput.trySubscribe(consumer.toString(), shardIndex)) {
            throw ConsumerErrors.subscribeRateExceeded(consumer, ShardId.name(shardIndex));
        }
        Key key = new Key(consumer.toString(), shardIndex);
        ShardSubscription previous = live.get(key);
        if (previous != null && !previous.isDone()) {
            if (nowMs - previous.startedAtMs() < config.takeoverAfterMs()) {
                throw ConsumerErrors.subscriptionExists(consumer, ShardId.name(shardIndex));
            }
            previous.terminate(ConsumerErrors.takenOver(consumer, ShardId.name(shardIndex)));
        }
        ShardSubscription created = new ShardSubscription(this, stream, shardIndex, consumer, startPosition, nowMs);
        live.put(key, created);
        return created;
    }

    /** Ends every live subscription of {@code consumerArn} with {@code reason}. */
    public void terminateConsumer(String consumerArn, ApiException reason) {
        for (ShardSubscription subscription : List.copyOf(live.values())) {
            if (subscription.consumer().toString().equals(consumerArn)) {
                subscription.terminate(reason);
            }
        }
    }

    /** Ends every live subscription normally (the node is shutting down; clients resubscribe elsewhere). */
    public void endAll() {
        live.values().forEach(ShardSubscription::end);
    }

    /** Wakes every subscription (heartbeats, lifetime); the engine calls it about once a second. */
    public void tick() {
        live.values().forEach(ShardSubscription::signal);
    }

    /**
     * Wakes the subscriptions that stopped at their delivery allowance, so they resume as it refills; the engine
     * calls it often (it costs nothing when none waits).
     */
    public void wakeThrottled() {
        for (ShardSubscription subscription : throttled) {
            throttled.remove(subscription);
            subscription.signal();
        }
    }

    /** Live subscriptions right now. */
    public int size() {
        return live.size();
    }

    void onEnded(ShardSubscription subscription) {
        live.remove(new Key(subscription.consumer().toString(), subscription.shardIndex()), subscription);
        throttled.remove(subscription);
    }

    /** {@code subscription} has records to send but no delivery allowance: wake it at the next refill. */
    void onThrottled(ShardSubscription subscription) {
        throttled.add(subscription);
    }

    SubscriptionThroughput throughput() {
        return throughput;
    }

    FanOutConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    Executor executor() {
        return executor;
    }

    StreamRegistry streams() {
        return streams;
    }
}
