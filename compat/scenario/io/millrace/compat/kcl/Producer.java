package io.millrace.compat.kcl;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes numbered records to a stream: the n-th record of partition key {@code k} carries {@code "k#n"}, so a
 * consumer can tell which record it got and whether it got each key's records in order.
 *
 * <p>Thread safety: confined to the test thread.
 */
final class Producer {
    private final KinesisAsyncClient kinesis;
    private final String streamName;
    private final List<String> keys;
    private final Map<String, Integer> nextCounter = new HashMap<>();
    private int written;

    Producer(KinesisAsyncClient kinesis, String streamName, int keyCount) {
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.keys = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            keys.add("key-" + i);
        }
    }

    /** Writes {@code count} records round-robin over the keys, in one PutRecords call, and returns the total. */
    int put(int count) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = keys.get((written + i) % keys.size());
            int counter = nextCounter.merge(key, 1, Integer::sum) - 1;
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(key)
                    .data(SdkBytes.fromString(key + "#" + counter, StandardCharsets.UTF_8))
                    .build());
        }
        PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(streamName).records(entries)).join();
        if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
            throw new IllegalStateException("PutRecords failed for " + response.failedRecordCount() + " records");
        }
        written += count;
        return written;
    }

    /** For each key, the counters written, in order: what an in-order, exactly-once consumer must have seen. */
    Map<String, List<Integer>> expectedCountersByKey() {
        Map<String, List<Integer>> expected = new HashMap<>();
        nextCounter.forEach((key, next) -> {
            List<Integer> counters = new ArrayList<>();
            for (int i = 0; i < next; i++) {
                counters.add(i);
            }
            expected.put(key, counters);
        });
        return expected;
    }
}
