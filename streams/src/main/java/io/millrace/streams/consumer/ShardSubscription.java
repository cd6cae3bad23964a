package io.millrace.streams.consumer;

import io.millrace.log.AppendWatch;
import io.millrace.log.ReadResult;
import io.millrace.log.SealableLog;
import io.millrace.log.ShardLog;
import io.millrace.log.StoredRecord;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.model.Record;
import io.millrace.streams.model.SubscribeToShardEvent;
import io.millrace.streams.position.SequenceNumber;
import io.millrace.streams.position.SequenceNumberCodec;
import io.millrace.streams.position.SequenceNumberEncoder;
import io.millrace.streams.stream.ChildShards;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One SubscribeToShard stream: a single-use {@link Flow.Publisher} of {@link SubscribeToShardEvent}s that reads the
 * shard from its starting position and pushes an event whenever records become durable, an empty one when idle for
 * the heartbeat interval, and ends normally after the subscription lifetime (or with ChildShards at the end of a
 * closed shard). Events are produced only against demand, so a subscriber that stops requesting costs nothing but
 * this object: nothing is buffered for it. Under the opt-in delivery limit an event carries no more than the
 * consumer's remaining allowance (at least one record), and none is produced while it is used up.
 *
 * <p>Where it runs: a subscription that has caught up with its shard, on a log read locally, drains on its
 * connection's thread (see {@link #drainCaughtUpOn}): what it reads was just appended and is small, and the event
 * then leaves without a hand-off between threads, each of which costs a wake-up of a parked thread (on an idle
 * virtual machine, of a halted CPU). A subscription that is behind, or reads over the network, drains on the
 * hub's executor; one that falls behind while on its connection's thread emits one event there and moves back.
 *
 * <p>Thread safety: every trigger (demand, appended records, the hub's tick, termination) only signals; the work
 * runs in {@link #drain} on one of those executors, serialised by a work-in-progress counter, so at most one thread
 * reads and emits at a time and {@code onNext} calls never overlap.
 */
public final class ShardSubscription implements Flow.Publisher<SubscribeToShardEvent>, Flow.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(ShardSubscription.class);
    private static final int MAX_RECORDS_PER_EVENT = 10_000;
    /** Keeps each event far below the 16 MiB frame limit (a single larger record still goes alone). */
    private static final long MAX_EVENT_BYTES = 1024 * 1024;

    private final SubscriptionHub hub;
    private final Stream stream;
    private final int shardIndex;
    private final ConsumerArn consumer;
    private final long startedAtMs;
    private final long endsAtMs;
    /** This subscription's claim of its consumer and shard across gateways; {@code null} on a store of its own. */
    private final String claimId;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger workInProgress = new AtomicInteger();
    private final AtomicReference<Flow.Subscriber<? super SubscribeToShardEvent>> subscriber = new AtomicReference<>();
    private final AtomicReference<ApiException> terminatedBy = new AtomicReference<>();
    private final Runnable watcher = this::signal;
    /** Wakes this subscription for records other gateways append to a shared log; set once subscribed. */
    private volatile AppendWatch foreignAppends = AppendWatch.NONE;
    private volatile boolean isDone;
    private volatile boolean isEnding;
    /** The connection's thread, for drains while caught up; {@code null}: always the hub's executor. */
    private volatile Executor connectionExecutor;
    /** Whether the last drain left nothing unread; written only inside drain(). */
    private volatile boolean isCaughtUp;
    /** Touched only inside drain(). */
    private long position;
    private long lastEventMs = Long.MIN_VALUE;

    ShardSubscription(SubscriptionHub hub, Stream stream, int shardIndex, ConsumerArn consumer, long startPosition,
                      long nowMs, String claimId) {
        this.hub = hub;
        this.claimId = claimId;
        this.stream = stream;
        this.shardIndex = shardIndex;
        this.consumer = consumer;
        this.position = startPosition;
        this.startedAtMs = nowMs;
        this.endsAtMs = nowMs + hub.config().subscriptionLifetimeMs();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super SubscribeToShardEvent> s) {
        Objects.requireNonNull(s, "subscriber");
        if (!subscriber.compareAndSet(null, s)) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("a SubscribeToShard stream has one subscriber"));
            return;
        }
        stream.watchers().add(shardIndex, watcher);
        foreignAppends = stream.log(shardIndex).watchAppends(watcher);
        if (isDone) {
            foreignAppends.close(); // ended while registering
        }
        s.onSubscribe(this);
        signal();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            terminate(KinesisError.INTERNAL_FAILURE.exception("request: %d (expected: > 0)", n));
            return;
        }
        demand.getAndAccumulate(n, (current, add) -> current + add < 0 ? Long.MAX_VALUE : current + add);
        signal();
    }

    @Override
    public void cancel() {
        finish();
    }

    public ConsumerArn consumer() {
        return consumer;
    }

    public int shardIndex() {
        return shardIndex;
    }

    Stream stream() {
        return stream;
    }

    String claimId() {
        return claimId;
    }

    long startedAtMs() {
        return startedAtMs;
    }

    boolean isDone() {
        return isDone;
    }

    /** Ends the stream with {@code reason} as its last message (an exception event on the wire). */
    void terminate(ApiException reason) {
        terminatedBy.compareAndSet(null, reason);
        signal();
    }

    /** Ends the stream normally, as at the end of its lifetime; the client then subscribes again. */
    void end() {
        isEnding = true;
        signal();
    }

    /**
     * Lets drains run on {@code executor}, the subscriber's connection thread, while the subscription is caught up,
     * if the shard's log is read locally. Call before {@link #subscribe}; {@code null} leaves every drain on the
     * hub's executor.
     */
    public void drainCaughtUpOn(Executor executor) {
        if (executor != null && stream.log(shardIndex).capabilities().readsAreLocal()) {
            connectionExecutor = executor;
        }
    }

    /** Schedules a drain; cheap, non-blocking, callable from any thread. */
    void signal() {
        if (workInProgress.getAndIncrement() == 0) {
            Executor connection = connectionExecutor;
            if (connection != null && isCaughtUp) {
                connection.execute(() -> drain(true));
            } else {
                hub.executor().execute(() -> drain(false));
            }
        }
    }

    /** @param isOnConnection whether this runs on the connection's thread, where only a caught-up drain belongs */
    private void drain(boolean isOnConnection) {
        int missed = 1;
        while (true) {
            try {
                step(isOnConnection);
            } catch (RuntimeException e) {
                LOG.error("Subscription of {} to shard {} failed", consumer, shardIndex, e);
                fail(e instanceof ApiException api ? api : KinesisError.INTERNAL_FAILURE.withoutMessage());
            }
            if (isOnConnection && !isCaughtUp && !isDone) {
                // Fell behind: the rest is read on the hub's executor, which takes over the pending signals.
                hub.executor().execute(() -> drain(false));
                return;
            }
            missed = workInProgress.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** @param isOnConnection stop after one event with records if it leaves the subscription behind */
    private void step(boolean isOnConnection) {
        Flow.Subscriber<? super SubscribeToShardEvent> s = subscriber.get();
        long nowMs = hub.clock().millis();
        if (isDone) {
            return;
        }
        if (s == null && nowMs < endsAtMs) {
            // Ended (taken over, deregistered) before anyone listens: told once subscribe() signals, so the client
            // hears why; a stream nobody ever subscribes to still goes at its lifetime.
            return;
        }
        ApiException reason = terminatedBy.get();
        if (reason != null) {
            fail(reason);
            return;
        }
        if (nowMs >= endsAtMs || isEnding) {
            finish();
            if (s != null) {
                s.onComplete();
            }
            return;
        }
        StreamMetadata metadata = currentMetadata();
        if (metadata == null) {
            fail(StreamErrors.notFound(stream.key()));
            return;
        }
        ShardLog log = stream.log(shardIndex);
        while (s != null && demand.get() > 0 && !isDone) {
            SubscribeToShardEvent event = nextEvent(metadata, nowMs);
            if (event == null) {
                break;
            }
            demand.decrementAndGet();
            lastEventMs = nowMs;
            s.onNext(event);
            if (event.childShards() != null) {
                finish();
                s.onComplete();
            }
            if (isOnConnection && !event.records().isEmpty() && position < log.endPosition()) {
                break;
            }
        }
        isCaughtUp = position >= log.endPosition();
    }

    /** The stream's metadata if it is still this incarnation and readable; {@code null} once deleted. */
    private StreamMetadata currentMetadata() {
        return hub.streams().find(stream.key())
                .filter(found -> found == stream && found.metadata().writable())
                .map(Stream::metadata)
                .orElse(null);
    }

    private SubscribeToShardEvent nextEvent(StreamMetadata metadata, long nowMs) {
        ShardLog log = stream.log(shardIndex);
        ShardMetadata shard = metadata.shard(shardIndex);
        long from = Math.max(position, log.positionForTimestamp(metadata.readableFromMs(nowMs)));
        long allowanceBytes = hub.throughput().allowanceBytes(consumer.toString(), shardIndex);
        if (allowanceBytes <= 0 && from < log.endPosition()) {
            // Over 2 MiB/s (opt-in limit): the records wait, without an error, until the allowance refills.
            hub.onThrottled(this);
            return null;
        }
        long maxBytes = Math.max(1, Math.min(MAX_EVENT_BYTES, allowanceBytes));
        ReadResult read = log.read(from, MAX_RECORDS_PER_EVENT, maxBytes);
        List<StoredRecord> stored = read.records();
        if (!stored.isEmpty()) {
            chargeDelivery(stored);
            position = read.nextPosition();
            StoredRecord last = stored.get(stored.size() - 1);
            long behindMs = position >= log.endPosition() ? 0 : Math.max(0, nowMs - last.arrivalMs());
            SequenceNumberEncoder numbers = new SequenceNumberEncoder();
            List<Record> records = stored.stream().map(r -> new Record(
                    numbers.forRecord(shard.creationMs(), shardIndex, r.position(), r.arrivalMs()),
                    Instant.ofEpochMilli(r.arrivalMs()), r.data(), r.partitionKey(),
                    r.isEncrypted() ? EncryptionType.KMS : null)).toList();
            return new SubscribeToShardEvent(records, records.get(records.size() - 1).sequenceNumber(), behindMs,
                    null);
        }
        position = from;
        if (!shard.open() && SealableLog.endIsFinal(log) && position >= log.endPosition()) {
            return new SubscribeToShardEvent(List.of(), null, 0, ChildShards.of(metadata, shard));
        }
        if (lastEventMs == Long.MIN_VALUE || nowMs - lastEventMs >= hub.config().heartbeatIntervalMs()) {
            return new SubscribeToShardEvent(List.of(), continuation(shard, log), 0, null);
        }
        return null;
    }

    private void chargeDelivery(List<StoredRecord> stored) {
        if (hub.throughput().isEnforced()) {
            hub.throughput().onDelivered(consumer.toString(), shardIndex,
                    stored.stream().mapToLong(StoredRecord::sizeInBytes).sum());
        }
    }

    /** A number that resumes exactly at {@link #position} with AFTER_SEQUENCE_NUMBER, also on an idle shard. */
    private String continuation(ShardMetadata shard, ShardLog log) {
        long arrivalSeconds = Math.max(log.lastArrivalMs(), shard.creationMs()) / 1000;
        return SequenceNumberCodec.encode(new SequenceNumber(shard.creationMs() / 1000, shardIndex, position,
                arrivalSeconds));
    }

    private void fail(ApiException error) {
        if (isDone) {
            return;
        }
        finish();
        Flow.Subscriber<? super SubscribeToShardEvent> s = subscriber.get();
        if (s != null) {
            s.onError(error);
        }
    }

    private void finish() {
        if (isDone) {
            return;
        }
        isDone = true;
        stream.watchers().remove(shardIndex, watcher);
        foreignAppends.close();
        hub.onEnded(this);
    }
}
