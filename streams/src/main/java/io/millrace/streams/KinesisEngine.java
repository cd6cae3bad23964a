package io.millrace.streams;

import io.millrace.log.LogStore;
import io.millrace.protocol.auth.ResourcePolicyLookup;
import io.millrace.streams.stream.StoredResourcePolicies;
import io.millrace.streams.account.AccountSettings;
import io.millrace.streams.channel.ChannelDelivery;
import io.millrace.streams.channel.ChannelRegistry;
import io.millrace.streams.channel.DeliveryLease;
import io.millrace.streams.consumer.ConsumerRegistry;
import io.millrace.streams.consumer.FanOut;
import io.millrace.streams.consumer.FanOutConfig;
import io.millrace.streams.consumer.SubscriptionHub;
import io.millrace.streams.op.KinesisOperations;
import io.millrace.streams.op.OperationTable;
import io.millrace.streams.limit.OnDemandScalingPolicy;
import io.millrace.streams.limit.SubscriptionThroughput;
import io.millrace.streams.stream.ClusterWriteTraffic;
import io.millrace.streams.stream.OnDemandScaler;
import io.millrace.streams.stream.StreamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kinesis engine of one node: reloads every stream from the {@link LogStore}'s metadata, serves the operations
 * of {@link #operations()}, and runs one background thread for time-driven work (status transitions, retention
 * trimming, on-demand scaling, subscription heartbeats and lifetimes, resuming subscriptions held at their delivery
 * limit), plus one for channel delivery when an object store is configured, so writing a large backlog to disk never
 * delays heartbeats. Transitions are also applied on access, so they follow the injected clock exactly.
 *
 * <p>Thread safety: operations may be executed concurrently from any thread. {@link #close()} stops the background
 * thread; it does not close the {@link LogStore}, which belongs to the caller.
 */
public final class KinesisEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisEngine.class);
    private static final long TICK_INTERVAL_MS = 1_000;
    private static final long RETENTION_INTERVAL_MS = 60_000;
    /** Subscriptions held at their delivery limit resume this often, so delivery is smooth rather than per second. */
    private static final long THROTTLED_WAKE_INTERVAL_MS = 50;
    /** Channel delivery stops after its current object; writing one (at most 64 MiB) takes far less. */
    private static final long DELIVERY_STOP_TIMEOUT_MS = 10_000;

    private final StreamRegistry streams;
    private final OnDemandScaler onDemandScaler;
    private final FanOut fanOut;
    private final ChannelRegistry channels;
    private final ChannelDelivery channelDelivery;
    private final DeliveryLease deliveryLease;
    private final OperationTable operations;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService deliveryScheduler;
    private final ExecutorService fanOutPool;

    public KinesisEngine(LogStore store, EngineConfig config, Clock clock) {
        this(store, config, FanOutConfig.defaults(), clock);
    }

    /** An engine whose subscriptions read and emit on a pool of its own. */
    public KinesisEngine(LogStore store, EngineConfig config, FanOutConfig fanOutConfig, Clock clock) {
        this(store, config, fanOutConfig, clock, null);
    }

    /**
     * An engine whose subscriptions read and emit on {@code fanOutExecutor} (tests pass a direct executor), or on
     * a pool of its own when it is {@code null}; on a shared metadata store their claims are released on it too (on
     * a thread of their own when it is {@code null}). With an executor given, subscriptions' heartbeats, lifetimes and
     * delivery-limit resumptions happen only in {@link #runMaintenance()}.
     */
    public KinesisEngine(LogStore store, EngineConfig config, FanOutConfig fanOutConfig, Clock clock,
                         Executor fanOutExecutor) {
        this.streams = new StreamRegistry(store, clock);
        this.onDemandScaler = new OnDemandScaler(streams, OnDemandScalingPolicy.DEFAULT,
                ClusterWriteTraffic.defaults(store.metadata(), clock), clock);
        this.fanOutPool = fanOutExecutor == null ? fanOutPool() : null;
        Executor subscriptionExecutor = fanOutExecutor == null ? fanOutPool : fanOutExecutor;
        ConsumerRegistry consumers = new ConsumerRegistry(store.metadata(), clock, fanOutConfig);
        SubscriptionHub subscriptions = new SubscriptionHub(streams, fanOutConfig, clock, subscriptionExecutor,
                config.limitsEnforced() ? SubscriptionThroughput.enforced(clock) : SubscriptionThroughput.unlimited(),
                store.metadata(), fanOutExecutor);
        // Heard only from a shared store: consumers that another gateway deregistered end here too.
        consumers.watch(() -> subscriptions.endDeregistered(consumers));
        this.fanOut = new FanOut(consumers, subscriptions);
        this.channels = new ChannelRegistry(store.metadata(), clock);
        this.deliveryLease = config.objectStore() == null ? null
                : new DeliveryLease(store.metadata(), clock, DeliveryLease.Timing.DEFAULT);
        this.channelDelivery = config.objectStore() == null ? null : new ChannelDelivery(channels, streams,
                config.objectStore(), deliveryLease, clock);
        this.operations = KinesisOperations.table(streams, new AccountSettings(store.metadata(), clock), fanOut,
                channels, config, clock);
        this.scheduler = daemonScheduler("millrace-streams-maintenance");
        scheduler.scheduleWithFixedDelay(() -> guarded(streams::tick), TICK_INTERVAL_MS, TICK_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> guarded(onDemandScaler::doWork), TICK_INTERVAL_MS, TICK_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> guarded(channels::tick), TICK_INTERVAL_MS, TICK_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
        this.deliveryScheduler = channelDelivery == null ? null : daemonScheduler("millrace-channel-delivery");
        if (deliveryScheduler != null) {
            // Renewed on the maintenance thread, so a long delivery round does not let the lease run out.
            long renewMs = deliveryLease.timing().renewMs();
            scheduler.scheduleWithFixedDelay(() -> guarded(deliveryLease::renew), 0, renewMs, TimeUnit.MILLISECONDS);
            deliveryScheduler.scheduleWithFixedDelay(() -> guarded(channelDelivery::tick), TICK_INTERVAL_MS,
                    TICK_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        if (fanOutExecutor == null) {
            // With a caller's executor (tests), only the caller drives subscriptions: runMaintenance() and its own
            // calls, so time-driven events happen exactly when it advances its clock, never on this thread.
            scheduler.scheduleWithFixedDelay(() -> guarded(fanOut.subscriptions()::tick), TICK_INTERVAL_MS,
                    TICK_INTERVAL_MS, TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(() -> guarded(fanOut.subscriptions()::wakeThrottled),
                    THROTTLED_WAKE_INTERVAL_MS, THROTTLED_WAKE_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleWithFixedDelay(() -> guarded(streams::trimExpired), RETENTION_INTERVAL_MS,
                RETENTION_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    public OperationTable operations() {
        return operations;
    }

    /** Every stream of this node, for readers outside the API such as Firehose's KinesisStreamAsSource. */
    public StreamRegistry streams() {
        return streams;
    }

    /** The stream resource policies stored by PutResourcePolicy, for authorisation at the API edge. */
    public ResourcePolicyLookup resourcePolicies() {
        return new StoredResourcePolicies(streams);
    }

    /** Registered consumers and live SubscribeToShard streams. */
    public FanOut fanOut() {
        return fanOut;
    }

    /**
     * Applies due status transitions, splits hot shards of ON_DEMAND streams and trims expired records now (the
     * background thread does each periodically).
     */
    public void runMaintenance() {
        streams.tick();
        onDemandScaler.doWork();
        streams.trimExpired();
        fanOut.subscriptions().tick();
        deliverChannels();
    }

    /** Applies due channel transitions and delivers the channels whose freshness interval has passed (tests). */
    private void deliverChannels() {
        channels.tick();
        if (channelDelivery != null) {
            deliveryLease.renew();
            channelDelivery.tick();
        }
    }

    /**
     * Stops the background threads. Channel delivery ends after the object it is writing, and only then is the
     * delivery lease released, so a gateway taking over never writes what this one is still writing.
     */
    @Override
    public void close() {
        if (deliveryScheduler != null) {
            channelDelivery.stop();
            deliveryScheduler.shutdown();
        }
        scheduler.shutdownNow();
        if (deliveryScheduler != null) {
            if (awaitQuietly(deliveryScheduler)) {
                guarded(deliveryLease::release);
            }
        }
        if (fanOutPool != null) {
            fanOutPool.shutdownNow();
        }
        fanOut.subscriptions().close();
    }

    private static ScheduledExecutorService daemonScheduler(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Subscriptions only read and hand events on, never wait, so a few threads serve any number of them. */
    private static ExecutorService fanOutPool() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() / 2);
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "millrace-fanout-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Waits a bounded time for a scheduler's current task to end; stopped work ends after its current object. */
    private static boolean awaitQuietly(ExecutorService executor) {
        try {
            if (executor.awaitTermination(DELIVERY_STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                return true;
            }
            // Releasing the lease now could let another gateway write what this one is still writing.
            LOG.warn("Channel delivery did not stop within {} ms; its lease is left to expire",
                    DELIVERY_STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        return false;
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A failing task must not cancel its schedule; the next run retries.
            LOG.warn("Maintenance task failed", e);
        }
    }
}
