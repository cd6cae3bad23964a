package io.millrace.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.util.Arrays;

/**
 * Put→get latency: one record at a time, from the start of PutRecord until a GetRecords poller (polling back to back,
 * no sleeps) returns it. Measures acknowledgement (including fsync) plus visibility to a reader.
 */
record Latency(long[] samplesNs) {

    static Latency measure(KinesisClient kinesis, String stream, int samples) {
        String shardId = "shardId-000000000000";
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        long[] latencies = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            PutRecordResponse put = kinesis.putRecord(r -> r.streamName(stream).explicitHashKey("0")
                    .partitionKey("latency").data(SdkBytes.fromUtf8String("latency")));
            boolean seen = false;
            while (!seen) {
                String current = iterator;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
                iterator = page.nextShardIterator();
                seen = page.records().stream().anyMatch(rec -> rec.sequenceNumber().equals(put.sequenceNumber()));
            }
            latencies[i] = System.nanoTime() - start;
        }
        return new Latency(latencies);
    }

    void print() {
        long[] sorted = samplesNs.clone();
        Arrays.sort(sorted);
        System.out.printf("latency put->get (%d samples): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", sorted.length,
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
