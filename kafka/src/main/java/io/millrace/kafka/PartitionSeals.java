package io.millrace.kafka;

import io.millrace.log.StorageException;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The fence that lets several gateways close a shard without losing an acknowledged record (the lease fence of
 * docs/design/kafka-gateways.md). A sealer writes a SEALING marker for the partition to the metadata topic, waits
 * for longer than the lease, then reads the partition's end offset E and writes SEALED(E). A gateway acknowledges a
 * record only
 * <ul>
 *   <li>below E, once a SEALED marker is known (the first one in topic order wins, so every gateway agrees on E);
 *   <li>else only if the partition is not SEALING and the gateway's metadata view is fresh (read to the topic's end
 *       within the lease). A record acknowledged that way was acknowledged by the broker before the sealer read E,
 *       because a later one would have found a view that includes the SEALING marker.
 * </ul>
 * Otherwise the acknowledgement waits (bounded) for the view to become fresh or the seal to complete.
 *
 * <p>Markers are plain metadata entries: {@code kafka/sealing/<topic>/<partition>} and
 * {@code kafka/sealed/<topic>/<partition>/<sealer id>}, whose value is E as 8 bytes.
 *
 * <p>Thread safety: markers are applied by the metadata reader thread; decisions may be asked from any thread.
 */
final class PartitionSeals {
    static final String SEALING = "kafka/sealing/";
    static final String SEALED = "kafka/sealed/";

    /** An acknowledgement waiting for a decision. */
    private record Pending(TopicPartition partition, long lastOffset, long deadlineNs,
                           CompletableFuture<Void> decided) {
    }

    private enum Verdict { ADMIT, REFUSE, WAIT }

    private final Map<TopicPartition, Long> sealedEnds = new ConcurrentHashMap<>();
    private final Set<TopicPartition> sealing = ConcurrentHashMap.newKeySet();
    private final List<Pending> pending = new ArrayList<>();
    private final LongSupplier freshAtNs;
    private final long leaseNs;
    private final long waitNs;

    PartitionSeals(LongSupplier freshAtNs, GatewayLease lease) {
        this.freshAtNs = freshAtNs;
        this.leaseNs = lease.leaseMs() * 1_000_000L;
        this.waitNs = (2 * lease.leaseMs() + lease.marginMs()) * 1_000_000L;
    }

    static String sealingKey(TopicPartition partition) {
        return SEALING + partition.topic() + "/" + partition.partition();
    }

    static String sealedKey(TopicPartition partition, String sealerId) {
        return SEALED + partition.topic() + "/" + partition.partition() + "/" + sealerId;
    }

    /** Applies one plain metadata entry, if it is a marker. Called by the metadata reader, in topic order. */
    void onEntry(String key, byte[] value) {
        if (value == null) {
            return;
        }
        if (key.startsWith(SEALING)) {
            sealing.add(parse(key.substring(SEALING.length())));
        } else if (key.startsWith(SEALED)) {
            String rest = key.substring(SEALED.length());
            TopicPartition partition = parse(rest.substring(0, rest.lastIndexOf('/')));
            sealedEnds.putIfAbsent(partition, ByteBuffer.wrap(value).getLong());
            sealing.add(partition);
        }
    }

    /** The agreed end of {@code partition}, or {@code null} while it is not sealed. */
    Long sealedEnd(TopicPartition partition) {
        return sealedEnds.get(partition);
    }

    boolean sealingOrSealed(TopicPartition partition) {
        return sealing.contains(partition);
    }

    /**
     * Completes once records up to {@code lastOffset} of {@code partition}, acknowledged by the broker, may be
     * acknowledged to the client; completes exceptionally (a retryable storage fault) when they may not.
     */
    CompletableFuture<Void> admit(TopicPartition partition, long lastOffset) {
        long nowNs = System.nanoTime();
        Verdict verdict = verdict(partition, lastOffset, nowNs);
        if (verdict == Verdict.ADMIT) {
            return CompletableFuture.completedFuture(null);
        }
        if (verdict == Verdict.REFUSE) {
            return CompletableFuture.failedFuture(refused(partition, lastOffset));
        }
        Pending waiting = new Pending(partition, lastOffset, nowNs + waitNs, new CompletableFuture<>());
        synchronized (pending) {
            pending.add(waiting);
        }
        return waiting.decided();
    }

    /** Decides the waiting acknowledgements; the metadata reader calls it after each catch-up. */
    void onCaughtUp() {
        long nowNs = System.nanoTime();
        synchronized (pending) {
            pending.removeIf(p -> {
                Verdict verdict = verdict(p.partition(), p.lastOffset(), nowNs);
                if (verdict == Verdict.WAIT && nowNs - p.deadlineNs() < 0) {
                    return false;
                }
                if (verdict == Verdict.ADMIT) {
                    p.decided().complete(null);
                } else {
                    p.decided().completeExceptionally(refused(p.partition(), p.lastOffset()));
                }
                return true;
            });
        }
    }

    /** Refuses every waiting acknowledgement: the store is closing. */
    void refuseAll() {
        synchronized (pending) {
            pending.forEach(p -> p.decided().completeExceptionally(refused(p.partition(), p.lastOffset())));
            pending.clear();
        }
    }

    private Verdict verdict(TopicPartition partition, long lastOffset, long nowNs) {
        Long end = sealedEnds.get(partition);
        if (end != null) {
            return lastOffset < end ? Verdict.ADMIT : Verdict.REFUSE;
        }
        if (sealing.contains(partition)) {
            return Verdict.WAIT;
        }
        return nowNs - freshAtNs.getAsLong() < leaseNs ? Verdict.ADMIT : Verdict.WAIT;
    }

    private static StorageException refused(TopicPartition partition, long offset) {
        return new StorageException(StorageException.Kind.IO, "record at offset " + offset + " of " + partition
                + " is not acknowledged: the shard is closing or this gateway's metadata view is stale", null);
    }

    private static TopicPartition parse(String topicSlashPartition) {
        int slash = topicSlashPartition.lastIndexOf('/');
        return new TopicPartition(topicSlashPartition.substring(0, slash),
                Integer.parseInt(topicSlashPartition.substring(slash + 1)));
    }
}
