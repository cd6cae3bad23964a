package io.millrace.streams.consumer;

import io.millrace.log.MetadataStore;
import io.millrace.protocol.error.ApiException;
import io.millrace.streams.model.ConsumerStatus;
import io.millrace.streams.limit.SubscriptionThroughput;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamMetadata;
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
 * <p>On a metadata store shared by several gateways the rule holds across them: each (consumer, shard) pair is
 * claimed through {@link SubscriptionClaims}, the hub ends its subscriptions that another gateway's claim took over,
 * and {@link #endDeregistered} ends those whose consumer or stream another gateway removed. With the limits
 * enforced the claim also decides the call rate, so one call per second per pair holds across gateways too.
 *
 * <p>Thread safety: {@link #open} is serialised on the hub's monitor on a store of its own (the check and the
 * takeover must be one step), and by the claim's compare-and-set on a shared one; everything else is lock-free.
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
    /** {@code null}: this process has its metadata store alone, and {@link #live} decides. */
    private final SubscriptionClaims claims;

    /** {@code executor} runs the subscriptions' reads and emissions; it must not be an event loop. No limits. */
    public SubscriptionHub(StreamRegistry streams, FanOutConfig config, Clock clock, Executor executor) {
        this(streams, config, clock, executor, SubscriptionThroughput.unlimited());
    }

    /** As above, with the per-consumer-and-shard limits of {@code throughput}. */
    public SubscriptionHub(StreamRegistry streams, FanOutConfig config, Clock clock, Executor executor,
                           SubscriptionThroughput throughput) {
        this(streams, config, clock, executor, throughput, null, null);
    }

    /**
     * As above; when {@code metadata} is shared with other gateways ({@link io.millrace.log.SharedMetadata}), the
     * one-subscription rule holds across them through {@link SubscriptionClaims}, whose releases run on
     * {@code claimReleases} ({@code null}: a thread of their own). {@link #close()} it then.
     */
    public SubscriptionHub(StreamRegistry streams, FanOutConfig config, Clock clock, Executor executor,
                           SubscriptionThroughput throughput, MetadataStore metadata, Executor claimReleases) {
        this.streams = streams;
        this.config = config;
        this.clock = clock;
        this.executor = executor;
        this.throughput = throughput;
        this.claims = metadata == null ? null
                : SubscriptionClaims.sharedThrough(metadata, claimReleases, clock, throughput.isEnforced());
        if (claims != null) {
            claims.watch(this::onClaimed);
        }
    }

    /**
     * A new subscription of {@code consumer} to a shard of {@code stream}, from log position {@code startPosition}.
     * ResourceInUse while an earlier one is live and younger than the takeover time; an older one is ended. With
     * claims, "earlier" means on any gateway sharing the store.
     */
    public ShardSubscription open(ConsumerArn consumer, Stream stream, int shardIndex, long startPosition) {
        return claims == null ? openHere(consumer, stream, shardIndex, startPosition)
                : openClaimed(consumer, stream, shardIndex, startPosition);
    }

    private synchronized ShardSubscription openHere(ConsumerArn consumer, Stream stream, int shardIndex,
                                                    long startPosition) {
        long nowMs = clock.millis();
        checkSubscribeRate(consumer, shardIndex);
        Key key = new Key(consumer.toString(), shardIndex);
        ShardSubscription previous = live.get(key);
        if (previous != null && !previous.isDone()) {
            if (nowMs - previous.startedAtMs() < config.takeoverAfterMs()) {
                throw ConsumerErrors.subscriptionExists(consumer, ShardId.name(shardIndex));
            }
            previous.terminate(ConsumerErrors.takenOver(consumer, ShardId.name(shardIndex)));
        }
        ShardSubscription created = new ShardSubscription(this, stream, shardIndex, consumer, startPosition, nowMs,
                null);
        live.put(key, created);
        return created;
    }

    /**
     * The claim's compare-and-set is the check and the takeover in one step, across gateways, so no monitor is held
     * over its round trip. The holder it replaces ends where it runs ({@link #onClaimed}), on this gateway too. With
     * the limits enforced it also checks and charges the call rate, which this gateway's {@link #throughput} would
     * count only for the calls it serves.
     */
    private ShardSubscription openClaimed(ConsumerArn consumer, Stream stream, int shardIndex, long startPosition) {
        long nowMs = clock.millis();
        Key key = new Key(consumer.toString(), shardIndex);
        String claimId = claims.claim(consumer, shardIndex, nowMs, config.takeoverAfterMs(),
                owner -> hasEnded(key, owner));
        ShardSubscription created = new ShardSubscription(this, stream, shardIndex, consumer, startPosition, nowMs,
                claimId);
        ShardSubscription[] replaced = new ShardSubscription[1];
        boolean[] isHolder = new boolean[1];
        // Registered only while its claim holds: the claim map changes before onClaimed looks here, so a claim
        // that wins after ours is either seen now or finds this subscription registered and ends it.
        live.compute(key, (k, existing) -> {
            isHolder[0] = claims.holds(k.consumerArn(), shardIndex, claimId);
            replaced[0] = isHolder[0] ? existing : null;
            return isHolder[0] ? created : existing;
        });
        if (replaced[0] != null) {
            replaced[0].terminate(ConsumerErrors.takenOver(consumer, ShardId.name(shardIndex)));
        }
        if (!isHolder[0]) {
            // A newer claim won in the meantime (within the takeover time of ours): refused as it would have been.
            throw ConsumerErrors.subscriptionExists(consumer, ShardId.name(shardIndex));
        }
        return created;
    }

    private void checkSubscribeRate(ConsumerArn consumer, int shardIndex) {
        if (!throughput.trySubscribe(consumer.toString(), shardIndex)) {
            throw ConsumerErrors.subscribeRateExceeded(consumer, ShardId.name(shardIndex));
        }
    }

    /** Whether {@code claimId} names a subscription of this gateway that has ended (its release may be pending). */
    private boolean hasEnded(Key key, String claimId) {
        if (!claims.isFromHere(claimId)) {
            return false;
        }
        ShardSubscription current = live.get(key);
        return current == null || !claimId.equals(current.claimId()) || current.isDone();
    }

    /** Some gateway claimed a pair: a subscription of this gateway that held it is taken over. */
    private void onClaimed(SubscriptionClaims.Claim claim) {
        ShardSubscription holder = live.get(new Key(claim.consumerArn(), claim.shardIndex()));
        if (holder != null && holder.claimId() != null && !holder.claimId().equals(claim.owner())) {
            holder.terminate(ConsumerErrors.takenOver(holder.consumer(), ShardId.name(claim.shardIndex())));
        }
    }

    /**
     * Ends the subscriptions whose consumer is gone or DELETING, or whose stream is, according to {@code consumers}
     * and the stream registry: another gateway deregistered it or deleted the stream. Runs on the metadata reader
     * of a shared store whenever consumers change; only signals, never blocks.
     */
    public void endDeregistered(ConsumerRegistry consumers) {
        for (ShardSubscription subscription : List.copyOf(live.values())) {
            Stream stream = subscription.stream();
            StreamMetadata metadata = streams.find(stream.key()).filter(found -> found == stream)
                    .map(Stream::metadata).filter(StreamMetadata::writable).orElse(null);
            if (metadata == null) {
                subscription.terminate(StreamErrors.notFound(stream.key()));
                continue;
            }
            String arn = subscription.consumer().toString();
            boolean isRegistered = consumers.find(metadata, subscription.consumer().consumerName())
                    .filter(c -> c.arn().equals(arn) && c.status() != ConsumerStatus.DELETING)
                    .isPresent();
            if (!isRegistered) {
                subscription.terminate(ConsumerErrors.consumerDeregistered(subscription.consumer()));
            }
        }
    }

    /** Stops releasing claims (after a bounded wait for those pending); the engine is closing. */
    public void close() {
        if (claims != null) {
            claims.close();
        }
    }

    /**
     * Ends every live subscription of {@code consumerArn} with {@code reason}; with claims, also removes the
     * consumer's claims (those of other gateways end through {@link #endDeregistered}).
     */
    public void terminateConsumer(String consumerArn, ApiException reason) {
        for (ShardSubscription subscription : List.copyOf(live.values())) {
            if (subscription.consumer().toString().equals(consumerArn)) {
                subscription.terminate(reason);
            }
        }
        if (claims != null) {
            claims.releaseAll(consumerArn);
        }
    }

    /** Ends every live subscription normally (the node is shutting down; clients resubscribe elsewhere). */
    public void endAll() {
        live.values().forEach(ShardSubscription::end);
    }

    /**
     * Wakes every subscription (heartbeats, lifetime), and removes the claims this gateway left released once the
     * call rate no longer needs them; the engine calls it about once a second.
     */
    public void tick() {
        live.values().forEach(ShardSubscription::signal);
        if (claims != null) {
            claims.removeExpiredReleases();
        }
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
        if (subscription.claimId() != null) {
            claims.release(subscription.consumer().toString(), subscription.shardIndex(), subscription.claimId());
        }
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
