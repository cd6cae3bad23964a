package io.millrace.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.net.URI;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Put→receive latency and fan-out completeness: a {@link RateLimitedProducer} writes at a steady rate while
 * {@code consumers} consumers read every shard, either with SubscribeToShard (each a registered consumer with its
 * own HTTP/2 async client) or with GetRecords pollers. Afterwards every consumer must have received every
 * acknowledged record exactly once; the latency of records stamped after the warm-up is reported per consumer.
 * Exits 1 on any loss.
 */
@Command(name = "consumers", mixinStandardHelpOptions = true,
        description = "Put->receive latency of SubscribeToShard or GetRecords consumers under a steady put rate")
final class ConsumerBench implements Callable<Integer> {
    enum Mode { SUBSCRIBE, POLL }

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:4567", description = "Default: ${DEFAULT-VALUE}")
    URI endpoint;
    @Option(names = "--stream", defaultValue = "bench-consumers", description = "Default: ${DEFAULT-VALUE}")
    String stream;
    @Option(names = "--shards", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}")
    int shards;
    @Option(names = "--mode", defaultValue = "SUBSCRIBE", description = "subscribe or poll. Default: ${DEFAULT-VALUE}")
    Mode mode;
    @Option(names = "--consumers", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}")
    int consumers;
    @Option(names = "--rate", defaultValue = "1000", description = "Records per second. Default: ${DEFAULT-VALUE}")
    int rate;
    @Option(names = "--duration-s", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}")
    int durationS;
    @Option(names = "--warmup-s", defaultValue = "10",
            description = "Seconds of warm-up before the measured duration; its records count for loss, not latency. "
                    + "Default: ${DEFAULT-VALUE}")
    int warmupS;
    @Option(names = "--warmup-rate", defaultValue = "5000",
            description = "Records per second during the warm-up (at least --rate), so the client's JIT is warm "
                    + "when measuring starts. Default: ${DEFAULT-VALUE}")
    int warmupRate;
    @Option(names = "--record-bytes", defaultValue = "256", description = "Default: ${DEFAULT-VALUE}")
    int recordBytes;
    @Option(names = "--poll-idle-ms", defaultValue = "0",
            description = "poll: wait after an empty GetRecords (0 = back to back). Default: ${DEFAULT-VALUE}")
    long pollIdleMs;
    @Option(names = "--batch-interval-ms", defaultValue = "10",
            description = "The producer sends the records due every this often. Default: ${DEFAULT-VALUE}")
    long batchIntervalMs;
    @Option(names = "--warmup-batch-interval-ms", defaultValue = "2",
            description = "The producer's call interval during the warm-up: short, so that the code run once per call "
                    + "(in this client and in the server) is called often enough to be compiled before measuring "
                    + "starts. Default: ${DEFAULT-VALUE}")
    long warmupBatchIntervalMs;
    @Option(names = "--senders", defaultValue = "8", description = "Producer threads. Default: ${DEFAULT-VALUE}")
    int senders;
    @Option(names = "--cbor", defaultValue = "true", arity = "1", description = "Default: ${DEFAULT-VALUE}")
    boolean cbor;
    @Option(names = "--drain-timeout-s", defaultValue = "15", description = "Default: ${DEFAULT-VALUE}")
    int drainTimeoutS;
    @Option(names = "--server-pid", description = "Report this process's CPU time during the run")
    Long serverPid;

    @Override
    public Integer call() throws Exception {
        System.setProperty("aws.cborEnabled", Boolean.toString(cbor));
        try (KinesisClient control = SdkClients.sync(endpoint, 4);
             KinesisClient producerClient = SdkClients.sync(endpoint, senders + 2)) {
            recreateStream(control);
            List<String> shardIds = control.listShards(r -> r.streamName(stream)).shards().stream()
                    .map(Shard::shardId).toList();
            Readers readers = mode == Mode.SUBSCRIBE ? subscribers(control, shardIds) : pollers(shardIds);
            RateLimitedProducer producer = new RateLimitedProducer(producerClient, stream, rate,
                    Math.max(rate, warmupRate), recordBytes, batchIntervalMs, warmupBatchIntervalMs,
                    readers.measureFromNanos);
            ServerStats[] before = new ServerStats[1];
            long[] benchCpuBeforeNs = new long[1];
            long produced = producer.run(durationS, senders, () -> {
                before[0] = ServerStats.read(serverPid);
                benchCpuBeforeNs[0] = ServerStats.ownCpuNs();
            });
            ServerStats after = ServerStats.read(serverPid);
            System.out.printf("bench: CPU %.1f s over %d s (this load generator: producer and consumers)%n",
                    (ServerStats.ownCpuNs() - benchCpuBeforeNs[0]) / 1e9, durationS);
            BitSet acked = producer.acked();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainTimeoutS);
            while (System.nanoTime() < deadline && !readers.received.stream().allMatch(r -> r.hasAll(acked))) {
                Thread.sleep(50);
            }
            readers.stop.run();
            System.out.printf("produce: PutRecords due->acknowledged %s%n", producer.ackLatency());
            return report(produced, acked, producer.firstMeasuredId(), producer.failed(), readers, before[0], after);
        }
    }

    /** The consumers' records and how to stop their readers. */
    private record Readers(List<ReceivedRecords> received, long measureFromNanos, Runnable stop) {
    }

    private long measureFromNanos() {
        // Readers start before the producer; the warm-up is counted from now, a little generously.
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupS);
    }

    private Readers subscribers(KinesisClient control, List<String> shardIds) throws Exception {
        String streamArn = control.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                .streamARN();
        List<ReceivedRecords> received = new ArrayList<>();
        List<SubscribeToShardReader> readers = new ArrayList<>();
        List<KinesisAsyncClient> clients = new ArrayList<>();
        List<CompletableFuture<Void>> started = new ArrayList<>();
        long measureFrom = measureFromNanos();
        for (int c = 0; c < consumers; c++) {
            String name = "bench-" + c;
            String arn = control.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName(name))
                    .consumer().consumerARN();
            awaitActive(control, arn);
            KinesisAsyncClient client = SdkClients.asyncHttp2(endpoint);
            clients.add(client);
            ReceivedRecords records = new ReceivedRecords(name, measureFrom);
            received.add(records);
            for (String shardId : shardIds) {
                SubscribeToShardReader reader = new SubscribeToShardReader(client, arn, shardId, records);
                readers.add(reader);
                started.add(reader.start());
            }
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return new Readers(received, measureFrom, () -> {
            readers.forEach(SubscribeToShardReader::stop);
            clients.forEach(KinesisAsyncClient::close);
            long subscriptions = readers.stream().mapToLong(SubscribeToShardReader::subscriptions).sum();
            long errors = readers.stream().mapToLong(SubscribeToShardReader::errors).sum();
            System.out.printf("subscribe: %d SubscribeToShard calls, %d failed%n", subscriptions, errors);
        });
    }

    private Readers pollers(List<String> shardIds) {
        List<ReceivedRecords> received = new ArrayList<>();
        List<GetRecordsPoller> pollers = new ArrayList<>();
        List<KinesisClient> clients = new ArrayList<>();
        long measureFrom = measureFromNanos();
        for (int c = 0; c < consumers; c++) {
            KinesisClient client = SdkClients.sync(endpoint, shardIds.size() + 1);
            clients.add(client);
            ReceivedRecords records = new ReceivedRecords("poller-" + c, measureFrom);
            received.add(records);
            for (String shardId : shardIds) {
                GetRecordsPoller poller = new GetRecordsPoller(client, stream, shardId, pollIdleMs, records);
                pollers.add(poller);
                poller.start();
            }
        }
        return new Readers(received, measureFrom, () -> {
            for (GetRecordsPoller poller : pollers) {
                try {
                    poller.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            clients.forEach(KinesisClient::close);
            long calls = pollers.stream().mapToLong(GetRecordsPoller::calls).sum();
            long errors = pollers.stream().mapToLong(GetRecordsPoller::errors).sum();
            System.out.printf("poll: %d GetRecords calls (%.0f/s), %d failed%n", calls,
                    calls / (double) Math.max(1, durationS), errors);
        });
    }

    private static void awaitActive(KinesisClient control, String arn) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (control.describeStreamConsumer(r -> r.consumerARN(arn)).consumerDescription().consumerStatus()
                != ConsumerStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer not ACTIVE after 30 s: " + arn);
            }
            Thread.sleep(100);
        }
    }

    private void recreateStream(KinesisClient kinesis) {
        try {
            kinesis.deleteStream(r -> r.streamName(stream).enforceConsumerDeletion(true));
            kinesis.waiter().waitUntilStreamNotExists(r -> r.streamName(stream));
        } catch (ResourceNotFoundException absent) {
            // nothing to delete
        }
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream));
    }

    private int report(long produced, BitSet acked, long firstMeasuredId, long failed, Readers readers,
                       ServerStats before, ServerStats after) {
        long ackedCount = acked.cardinality();
        long measuredAcked = acked.get((int) firstMeasuredId, Math.max((int) firstMeasuredId, acked.length()))
                .cardinality();
        System.out.printf("case: mode %s%s, %d consumer(s), %d shard(s), %d records/s of %d bytes, %d s "
                + "(warm-up %d s)%n", mode.name().toLowerCase(Locale.ROOT),
                mode == Mode.POLL ? " idle " + pollIdleMs + " ms" : "", consumers, shards, rate, recordBytes,
                durationS, warmupS);
        System.out.printf("produce: %d records, %d acknowledged, %d failed, %.0f records/s after the warm-up%n",
                produced, ackedCount, failed, measuredAcked / (double) durationS);
        if (before != null && after != null) {
            double cpuS = (after.cpuTicks() - before.cpuTicks()) / (double) ServerStats.TICKS_PER_SECOND;
            System.out.printf("server: CPU %.1f s over %d s (%.0f%% of one core)%n", cpuS, durationS,
                    100 * cpuS / durationS);
        }
        boolean isComplete = true;
        for (ReceivedRecords r : readers.received) {
            long missing = r.missing(acked);
            isComplete &= missing == 0 && r.duplicates() == 0;
            System.out.printf("consumer %s: received %d in %d batches, missing %d, duplicates %d, latency %s%n",
                    r.consumer(), r.count(), r.batches(), missing, r.duplicates(), r.latency());
        }
        System.out.println(isComplete ? "verify: every consumer received every acknowledged record exactly once"
                : "verify: LOSS OR DUPLICATES (see above)");
        return isComplete ? 0 : 1;
    }
}
