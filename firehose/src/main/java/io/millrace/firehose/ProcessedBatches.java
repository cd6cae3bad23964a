package io.millrace.firehose;

import io.millrace.firehose.destination.BufferedRecord;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the processors made of each stream's head batch while its delivery to an HTTP endpoint or Redshift is
 * retried, keyed by the stream's buffer log key. Delivery builds new destinations per pass, so this outlives them
 * (as the {@link io.millrace.firehose.retry.RetryBook} does): a batch is processed once, not once per attempt, so a
 * Lambda is not invoked again and processing failures are not written again for every retry. Kept in memory: after a
 * restart a batch is processed again (at-least-once). Thread-safe.
 */
final class ProcessedBatches {
    /** The source records of a batch and what processing made of them. */
    record Entry(List<BufferedRecord> source, List<BufferedRecord> processed) {

        /**
         * How many records at the head of {@code batch} this entry already processed: all of its source records
         * when they are {@code batch}'s first ones (a batch waiting for a retry can grow as records arrive), else 0.
         */
        int processedPrefixOf(List<BufferedRecord> batch) {
            if (source.size() > batch.size()) {
                return 0;
            }
            for (int i = 0; i < source.size(); i++) {
                BufferedRecord cached = source.get(i);
                BufferedRecord given = batch.get(i);
                if (cached.arrivalMs() != given.arrivalMs() || !Arrays.equals(cached.data(), given.data())) {
                    return 0;
                }
            }
            return source.size();
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    Entry get(String streamKey) {
        return entries.get(streamKey);
    }

    void put(String streamKey, Entry entry) {
        entries.put(streamKey, entry);
    }

    /** Forgets the batches of every stream not in {@code liveStreamKeys}: deleted streams leave nothing behind. */
    void retainOnly(Set<String> liveStreamKeys) {
        entries.keySet().retainAll(liveStreamKeys);
    }

    /** Forgets the stream's batch: it was delivered or given up. */
    void forget(String streamKey) {
        entries.remove(streamKey);
    }
}
