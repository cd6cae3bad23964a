package io.millrace.bench;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shared-throughput consumer of one shard: a thread issuing GetRecords from LATEST, either back to back or, with
 * {@code idleMs > 0}, sleeping that long after a call that returned no records (as KCL's polling consumer waits
 * between empty reads). Runs until {@link #stop()}.
 *
 * <p>Thread safety: owns its thread; {@link #stop()} and the counters may be used from any thread.
 */
final class GetRecordsPoller {
    private final KinesisClient kinesis;
    private final String stream;
    private final String shardId;
    private final long idleMs;
    private final ReceivedRecords received;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean isStopped;
    private Thread thread;

    GetRecordsPoller(KinesisClient kinesis, String stream, String shardId, long idleMs, ReceivedRecords received) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.shardId = shardId;
        this.idleMs = idleMs;
        this.received = received;
    }

    /** Takes a LATEST iterator now (so every record put afterwards is read) and starts polling. */
    void start() {
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        thread = new Thread(() -> poll(iterator), "poll-" + received.consumer() + "-" + shardId);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        isStopped = true;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    long calls() {
        return calls.get();
    }

    long errors() {
        return errors.get();
    }

    private void poll(String first) {
        String iterator = first;
        while (!isStopped && iterator != null) {
            String current = iterator;
            GetRecordsResponse page;
            try {
                calls.incrementAndGet();
                page = kinesis.getRecords(r -> r.shardIterator(current));
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                pause(200);
                continue;
            }
            long now = System.nanoTime();
            if (!page.records().isEmpty()) {
                received.onBatch();
            }
            for (Record record : page.records()) {
                received.onRecord(record.data().asByteBuffer(), now);
            }
            iterator = page.nextShardIterator();
            if (page.records().isEmpty() && idleMs > 0) {
                pause(idleMs);
            }
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
