package io.millrace.streams.consumer;

import io.millrace.log.MetadataStore;
import io.millrace.log.SharedMetadata;
import io.millrace.streams.limit.SubscriptionThroughput;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.stream.SharedEntries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Which subscription holds each (consumer, shard) pair, across the gateways that share a metadata store: one
 * versioned entry per pair, {@value #KEY_PREFIX}{@code <consumer ARN>#<shard id>}, naming the holding subscription
 * and when it started. A new subscription claims the pair with one compare-and-set: refused while the holder is
 * younger than the takeover time, otherwise it becomes the holder, and the gateway of the old holder, which hears
 * every change, ends it. A subscription that ends releases its claim (removes the entry if it still holds it), and
 * deregistering a consumer removes whatever claims of it are left, so the entries follow the live subscriptions
 * rather than pile up. Only gateways on a shared store use claims; alone, {@link SubscriptionHub} decides in memory.
 *
 * <p>With the opt-in limits, the entry also holds the pair's last SubscribeToShard call, so the limit of one call per
 * second per consumer and shard is decided inside the same compare-and-set, whichever gateway made the last call: a
 * call within a second of it is refused (LimitExceeded, before and instead of the takeover rule, as one gateway's
 * {@link io.millrace.streams.limit.SubscriptionThroughput} does), and a call refused by the takeover rule still
 * counts, so it writes its time before it is refused. Releasing within a second of the last call leaves the entry
 * <em>released</em> (no holder, the call time kept) instead of removing it; the gateway that released it removes it
 * once the second has passed ({@link #removeExpiredReleases()}).
 *
 * <p>Start and call times are each gateway's own clock, so clock skew between gateways shifts the takeover time and
 * the call interval by as much.
 *
 * <p>Thread safety: thread-safe. {@link #claim} blocks for one metadata round trip (more only when it races
 * another claim of the same pair); releases and removals run on a thread of their own, so ending a subscription
 * never waits for the store.
 */
final class SubscriptionClaims implements AutoCloseable {
    static final String KEY_PREFIX = "kinesis/subscriptions/";
    /** The least time between two admitted SubscribeToShard calls of a pair, when the call rate is limited. */
    static final long CALL_INTERVAL_MS = 1_000 / SubscriptionThroughput.SUBSCRIBE_CALLS_PER_SECOND;
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionClaims.class);
    private static final long CLOSE_WAIT_MS = 2_000;

    /**
     * The holder of one (consumer, shard) pair: {@code owner} is the subscription's claim id, {@code startedAtMs}
     * when it started. {@code lastCallAtMs} is the pair's last SubscribeToShard call that the call rate admitted
     * (0 in entries written by a version before it). A {@code released} claim holds nothing: its
     * subscription ended within a second of the last call, and it stays only to carry that call's time.
     */
    record Claim(String consumerArn, int shardIndex, String owner, long startedAtMs, long lastCallAtMs,
                 boolean released) {
        /** The last call: a claim's start is a call too. */
        long lastCallMs() {
            return Math.max(startedAtMs, lastCallAtMs);
        }

        boolean isHeldBy(String claimId) {
            return !released && owner.equals(claimId);
        }

        Claim calledAt(long nowMs) {
            return new Claim(consumerArn, shardIndex, owner, startedAtMs, nowMs, released);
        }

        Claim asReleased() {
            return new Claim(consumerArn, shardIndex, owner, startedAtMs, lastCallAtMs, true);
        }
    }

    private final SharedEntries<Claim> byPair;
    /** Claim ids of this gateway start with it, so it knows its own ended subscriptions' claims. */
    private final String instanceId = UUID.randomUUID().toString();
    private final AtomicLong claimCount = new AtomicLong();
    private final Clock clock;
    /** Whether the call rate is limited: without it, claims behave exactly as before the limit was shared. */
    private final boolean limitsCallRate;
    /** Pairs this gateway left released, to remove once their last call is a second old. */
    private final Set<String> releasedHere = ConcurrentHashMap.newKeySet();
    /** Runs releases and removals; {@link #ownThread} when the claims made it. */
    private final Executor releases;
    private final ExecutorService ownThread;

    private SubscriptionClaims(MetadataStore store, Executor releases, Clock clock, boolean limitsCallRate) {
        this.clock = clock;
        this.limitsCallRate = limitsCallRate;
        this.byPair = SharedEntries.ofJson(store, KEY_PREFIX, Claim.class);
        this.ownThread = releases != null ? null : Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "millrace-subscription-claims");
            thread.setDaemon(true);
            return thread;
        });
        this.releases = releases != null ? releases : ownThread;
    }

    /**
     * Claims on {@code store} when other gateways share it, {@code null} when this process has it alone. Releases
     * run on {@code releases} (tests pass a direct executor), or on a thread of the claims' own when it is
     * {@code null}. With {@code limitsCallRate} they also limit SubscribeToShard calls per pair, on {@code clock}.
     */
    static SubscriptionClaims sharedThrough(MetadataStore store, Executor releases, Clock clock,
                                            boolean limitsCallRate) {
        return store instanceof SharedMetadata ? new SubscriptionClaims(store, releases, clock, limitsCallRate)
                : null;
    }

    /** Tells {@code listener} of every claim any gateway makes, on the store's reader (it must not block). */
    void watch(Consumer<Claim> listener) {
        byPair.watch((name, claim) -> {
            if (claim != null && !claim.released()) {
                listener.accept(claim);
            }
        });
    }

    /**
     * Makes a new subscription of {@code consumer} to the shard its holder and returns its claim id. With the call
     * rate limited, LimitExceeded while the pair's last call is less than {@link #CALL_INTERVAL_MS} before
     * {@code nowMs}. Then ResourceInUse when the current holder started less than {@code takeoverAfterMs} before
     * {@code nowMs}, unless {@code hasEndedHere} says it is one of this gateway's subscriptions that has already
     * ended; with the call rate limited, that refused call is written as the pair's last call first.
     */
    String claim(ConsumerArn consumer, int shardIndex, long nowMs, long takeoverAfterMs,
                 Predicate<String> hasEndedHere) {
        String id = instanceId + "/" + claimCount.incrementAndGet();
        String shardId = ShardId.name(shardIndex);
        boolean[] isInUse = new boolean[1];
        byPair.update(name(consumer.toString(), shardIndex), current -> {
            isInUse[0] = false;
            if (limitsCallRate && current != null && nowMs - current.lastCallMs() < CALL_INTERVAL_MS) {
                throw ConsumerErrors.subscribeRateExceeded(consumer, shardId);
            }
            if (current != null && !current.released() && nowMs - current.startedAtMs() < takeoverAfterMs
                    && !hasEndedHere.test(current.owner())) {
                if (!limitsCallRate) {
                    throw ConsumerErrors.subscriptionExists(consumer, shardId);
                }
                // A call the takeover rule refuses still counts against the rate, as on one gateway.
                isInUse[0] = true;
                return current.calledAt(nowMs);
            }
            return new Claim(consumer.toString(), shardIndex, id, nowMs, nowMs, false);
        });
        if (isInUse[0]) {
            throw ConsumerErrors.subscriptionExists(consumer, shardId);
        }
        return id;
    }

    /** Whether {@code claimId} was made by this gateway. */
    boolean isFromHere(String claimId) {
        return claimId.startsWith(instanceId + "/");
    }

    /** Whether {@code claimId} still holds its pair. */
    boolean holds(String consumerArn, int shardIndex, String claimId) {
        return byPair.get(name(consumerArn, shardIndex)).map(c -> c.isHeldBy(claimId)).orElse(false);
    }

    /**
     * Removes the pair's entry, soon, if {@code claimId} still holds it; leaves it released instead while the call
     * rate is limited and the pair's last call is less than a second old, so the next call still sees it.
     */
    void release(String consumerArn, int shardIndex, String claimId) {
        String name = name(consumerArn, shardIndex);
        inBackground(() -> {
            Claim stored = byPair.update(name, current -> {
                if (current == null || !current.isHeldBy(claimId)) {
                    return current;
                }
                return isCallRecent(current) ? current.asReleased() : null;
            });
            if (stored != null && stored.released() && stored.owner().equals(claimId)) {
                releasedHere.add(name);
            }
        });
    }

    /**
     * Removes, soon, the entries this gateway left released once their last call is a second old; the engine calls
     * it about once a second. A gateway that stops first leaves them: one record per pair, as a removal leaves, until
     * the pair is subscribed again or its consumer deregistered.
     */
    void removeExpiredReleases() {
        for (String name : releasedHere) {
            Claim stored = byPair.get(name).orElse(null);
            if (stored == null || !stored.released() || !isFromHere(stored.owner())) {
                releasedHere.remove(name);
            } else if (!isCallRecent(stored)) {
                releasedHere.remove(name);
                inBackground(() -> byPair.update(name, current -> current != null && current.released()
                        && current.owner().equals(stored.owner()) && !isCallRecent(current) ? null : current));
            }
        }
    }

    private boolean isCallRecent(Claim claim) {
        return limitsCallRate && clock.millis() - claim.lastCallMs() < CALL_INTERVAL_MS;
    }

    /** Removes, soon, every claim of {@code consumerArn} (the consumer is deregistered or its stream deleted). */
    void releaseAll(String consumerArn) {
        inBackground(() -> {
            List<String> names = byPair.all().entrySet().stream()
                    .filter(e -> e.getValue().consumerArn().equals(consumerArn))
                    .map(java.util.Map.Entry::getKey)
                    .toList();
            names.forEach(name -> byPair.update(name, current -> null));
        });
    }

    private void inBackground(Runnable change) {
        try {
            releases.execute(() -> {
                try {
                    change.run();
                } catch (RuntimeException e) {
                    // The claim stays; the next subscription of the pair takes over once it is old enough.
                    LOG.warn("Releasing a subscription claim failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Not releasing a subscription claim: the engine is closing");
        }
    }

    private static String name(String consumerArn, int shardIndex) {
        return consumerArn + "#" + ShardId.name(shardIndex);
    }

    /** Lets pending releases finish, for a bounded time, so a restarted gateway's clients are not held off. */
    @Override
    public void close() {
        if (ownThread == null) {
            return;
        }
        ownThread.shutdown();
        try {
            ownThread.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ownThread.shutdownNow();
    }
}
