package io.millrace.streams.consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.log.MetadataStore;
import io.millrace.log.SharedMetadata;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.stream.SharedEntries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
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
 * <p>Start times are each gateway's own clock, so clock skew between gateways shifts the takeover time by as much.
 *
 * <p>Thread safety: thread-safe. {@link #claim} blocks for one metadata round trip (more only when it races
 * another claim of the same pair); releases and removals run on a thread of their own, so ending a subscription
 * never waits for the store.
 */
final class SubscriptionClaims implements AutoCloseable {
    static final String KEY_PREFIX = "kinesis/subscriptions/";
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionClaims.class);
    private static final long CLOSE_WAIT_MS = 2_000;

    /** The holder of one (consumer, shard) pair: {@code owner} is the subscription's claim id. */
    record Claim(String consumerArn, int shardIndex, String owner, long startedAtMs) {
    }

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final SharedEntries<Claim> byPair;
    /** Claim ids of this gateway start with it, so it knows its own ended subscriptions' claims. */
    private final String instanceId = UUID.randomUUID().toString();
    private final AtomicLong claimCount = new AtomicLong();
    /** Runs releases and removals; {@link #ownThread} when the claims made it. */
    private final Executor releases;
    private final ExecutorService ownThread;

    private SubscriptionClaims(MetadataStore store, Executor releases) {
        this.byPair = new SharedEntries<>(store, KEY_PREFIX, this::decode, this::encode);
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
     * {@code null}.
     */
    static SubscriptionClaims sharedThrough(MetadataStore store, Executor releases) {
        return store instanceof SharedMetadata ? new SubscriptionClaims(store, releases) : null;
    }

    /** Tells {@code listener} of every claim any gateway makes, on the store's reader (it must not block). */
    void watch(Consumer<Claim> listener) {
        byPair.watch((name, claim) -> {
            if (claim != null) {
                listener.accept(claim);
            }
        });
    }

    /**
     * Makes a new subscription of {@code consumer} to the shard its holder and returns its claim id. ResourceInUse
     * when the current holder started less than {@code takeoverAfterMs} before {@code nowMs}, unless
     * {@code hasEndedHere} says it is one of this gateway's subscriptions that has already ended.
     */
    String claim(ConsumerArn consumer, int shardIndex, long nowMs, long takeoverAfterMs,
                 Predicate<String> hasEndedHere) {
        String id = instanceId + "/" + claimCount.incrementAndGet();
        byPair.update(name(consumer.toString(), shardIndex), current -> {
            if (current != null && nowMs - current.startedAtMs() < takeoverAfterMs
                    && !hasEndedHere.test(current.owner())) {
                throw ConsumerErrors.subscriptionExists(consumer, ShardId.name(shardIndex));
            }
            return new Claim(consumer.toString(), shardIndex, id, nowMs);
        });
        return id;
    }

    /** Whether {@code claimId} was made by this gateway. */
    boolean isFromHere(String claimId) {
        return claimId.startsWith(instanceId + "/");
    }

    /** Whether {@code claimId} still holds its pair. */
    boolean holds(String consumerArn, int shardIndex, String claimId) {
        return byPair.get(name(consumerArn, shardIndex)).map(c -> c.owner().equals(claimId)).orElse(false);
    }

    /** Removes the pair's entry, soon, if {@code claimId} still holds it. */
    void release(String consumerArn, int shardIndex, String claimId) {
        inBackground(() -> byPair.update(name(consumerArn, shardIndex),
                current -> current != null && current.owner().equals(claimId) ? null : current));
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

    private byte[] encode(Claim claim) {
        try {
            return json.writeValueAsBytes(claim);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Claim decode(byte[] bytes) {
        try {
            return json.readValue(bytes, Claim.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
