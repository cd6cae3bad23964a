package io.millrace.streams.limit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enhanced fan-out limits per consumer and shard (reference 5.4), opt-in: one SubscribeToShard call per second,
 * and 2 MiB/s of delivered record bytes. A call over its rate is refused; delivery over its rate is not an error
 * but a delay: the subscription asks {@link #allowanceBytes} before each read, reads no more than that, and waits
 * while the allowance is used up. Pairs are identified by the consumer ARN (which carries its creation time, so a
 * re-registered consumer starts with full buckets) and the shard index. When not enforced every check passes and
 * nothing is stored.
 *
 * <p>Thread safety: thread-safe; each pair's buckets change under that pair's own monitor.
 */
public final class SubscriptionThroughput {
    public static final long SUBSCRIBE_CALLS_PER_SECOND = 1;
    public static final long DELIVERED_BYTES_PER_SECOND = 2 * 1024 * 1024;

    private final boolean enforced;
    private final Clock clock;
    private final Map<Pair, Buckets> pairs = new ConcurrentHashMap<>();

    private SubscriptionThroughput(boolean enforced, Clock clock) {
        this.enforced = enforced;
        this.clock = clock;
    }

    /** Limits enforced against {@code clock}. */
    public static SubscriptionThroughput enforced(Clock clock) {
        return new SubscriptionThroughput(true, clock);
    }

    /** No limits: every call is admitted and delivery is never held back. */
    public static SubscriptionThroughput unlimited() {
        return new SubscriptionThroughput(false, Clock.systemUTC());
    }

    public boolean isEnforced() {
        return enforced;
    }

    /** Admits and charges one SubscribeToShard call of {@code consumerArn} to the shard, or returns false. */
    public boolean trySubscribe(String consumerArn, int shardIndex) {
        return !enforced || buckets(consumerArn, shardIndex).trySubscribe(clock.millis());
    }

    /**
     * How many record bytes may be delivered now: {@link Long#MAX_VALUE} when not enforced, {@code <= 0} while the
     * pair is repaying earlier deliveries.
     */
    public long allowanceBytes(String consumerArn, int shardIndex) {
        return enforced ? buckets(consumerArn, shardIndex).allowanceBytes(clock.millis()) : Long.MAX_VALUE;
    }

    /** Charges {@code bytes} of delivered records; a single record larger than the allowance leaves a debt. */
    public void onDelivered(String consumerArn, int shardIndex, long bytes) {
        if (enforced) {
            buckets(consumerArn, shardIndex).onDelivered(bytes, clock.millis());
        }
    }

    private Buckets buckets(String consumerArn, int shardIndex) {
        return pairs.computeIfAbsent(new Pair(consumerArn, shardIndex), k -> new Buckets(clock.millis()));
    }

    private record Pair(String consumerArn, int shardIndex) {
    }

    /** One pair's two buckets; every method holds the monitor so checks and charges are atomic. */
    private static final class Buckets {
        private TokenBucket calls;
        private TokenBucket deliveredBytes;

        Buckets(long nowMs) {
            calls = TokenBucket.full(SUBSCRIBE_CALLS_PER_SECOND, SUBSCRIBE_CALLS_PER_SECOND, nowMs);
            deliveredBytes = TokenBucket.full(DELIVERED_BYTES_PER_SECOND, DELIVERED_BYTES_PER_SECOND, nowMs);
        }

        synchronized boolean trySubscribe(long nowMs) {
            calls = calls.refill(nowMs);
            if (!calls.admits(1)) {
                return false;
            }
            calls = calls.take(1);
            return true;
        }

        synchronized long allowanceBytes(long nowMs) {
            deliveredBytes = deliveredBytes.refill(nowMs);
            return deliveredBytes.tokens();
        }

        synchronized void onDelivered(long bytes, long nowMs) {
            deliveredBytes = deliveredBytes.refill(nowMs).take(bytes);
        }
    }
}
