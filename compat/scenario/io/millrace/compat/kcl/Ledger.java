package io.millrace.compat.kcl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a KCL application processed: every delivery of every record, in the order the record processors saw them,
 * so a test can check exactly-once (no sequence number twice) and per-partition-key order.
 *
 * <p>Thread safety: safe for concurrent use; the KCL calls processors of different shards on different threads.
 */
final class Ledger {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<String> sequenceNumbers = new HashSet<>();
    private final List<String> duplicates = new ArrayList<>();
    private final Map<String, List<Integer>> countersByKey = new HashMap<>();
    private final Map<String, Set<String>> keysByShard = new HashMap<>();

    /** Notes one delivery of the record carrying {@code counter}, the n-th record written for its partition key. */
    void onRecord(String shardId, String partitionKey, String sequenceNumber, int counter) {
        lock.lock();
        try {
            if (!sequenceNumbers.add(sequenceNumber)) {
                duplicates.add(shardId + "/" + sequenceNumber + " (" + partitionKey + " #" + counter + ")");
            }
            countersByKey.computeIfAbsent(partitionKey, k -> new ArrayList<>()).add(counter);
            keysByShard.computeIfAbsent(shardId, k -> new HashSet<>()).add(partitionKey);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code count} distinct records were processed; false if the time ran out first. */
    boolean awaitDistinct(int count, Duration timeout) throws InterruptedException {
        long remainingNs = timeout.toNanos();
        lock.lock();
        try {
            while (sequenceNumbers.size() < count) {
                if (remainingNs <= 0) {
                    return false;
                }
                remainingNs = changed.awaitNanos(remainingNs);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    int distinct() {
        lock.lock();
        try {
            return sequenceNumbers.size();
        } finally {
            lock.unlock();
        }
    }

    List<String> duplicates() {
        lock.lock();
        try {
            return List.copyOf(duplicates);
        } finally {
            lock.unlock();
        }
    }

    /** For each partition key, the counters in the order they were processed. */
    Map<String, List<Integer>> countersByKey() {
        lock.lock();
        try {
            Map<String, List<Integer>> copy = new HashMap<>();
            countersByKey.forEach((key, counters) -> copy.put(key, List.copyOf(counters)));
            return copy;
        } finally {
            lock.unlock();
        }
    }

    /** The shards that delivered at least one record. */
    Set<String> shards() {
        lock.lock();
        try {
            return Set.copyOf(keysByShard.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** A one-line summary for assertion messages. */
    String summary() {
        lock.lock();
        try {
            return sequenceNumbers.size() + " distinct records from shards " + keysByShard.keySet()
                    + ", duplicates " + duplicates;
        } finally {
            lock.unlock();
        }
    }

    /** Upper bound on how long a wait may take, so a broken consumer fails the test instead of hanging it. */
    static Duration patience() {
        return Duration.ofSeconds(40);
    }
}
