package io.millrace.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Producers keep writing through the real SDK while a shard is split and two shards (one of them a split child) are
 * merged; a consumer reading at the same time reads every shard from TRIM_HORIZON, each only after its parents were
 * read to their end (discovered through GetRecords' ChildShards), and must see every partition key's records in
 * order, exactly once. Reading concurrently is what would expose a record appended to a parent after a reader was
 * already sent on to its children.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReshardingIT {
    private static final String STREAM = "resharding";
    private static final int PRODUCERS = 4;
    private static final int KEYS_PER_PRODUCER = 10;
    private static final int BATCHES_PER_PHASE = 8;
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);
    private static final BigInteger QUARTER = BigInteger.ONE.shiftLeft(126);

    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    private static KinesisClient client;

    @BeforeAll
    static void connect() {
        client = Clients.sync(SERVER.httpEndpoint(), true);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void everyKeyIsReadInOrderExactlyOnceAcrossASplitAndAMerge() throws Exception {
        client.createStream(b -> b.streamName(STREAM).shardCount(2));
        Map<String, Integer> sent = new ConcurrentHashMap<>();
        List<CountDownLatch> phases = List.of(new CountDownLatch(PRODUCERS * BATCHES_PER_PHASE),
                new CountDownLatch(PRODUCERS * BATCHES_PER_PHASE * 2),
                new CountDownLatch(PRODUCERS * BATCHES_PER_PHASE * 3));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean produced = new AtomicBoolean();
        ExecutorService consumer = Executors.newSingleThreadExecutor();
        Future<Map<String, List<Integer>>> consumed = consumer.submit(() -> consumeFollowingLineage(produced));
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            running.add(producers.submit(() -> produce(producer, sent, phases, stop)));
        }
        try {
            awaitPhase(phases.get(0));
            // shard 0 = [0, 2^127-1] splits into 2 = [0, 2^126-1] and 3 = [2^126, 2^127-1]
            client.splitShard(b -> b.streamName(STREAM).shardToSplit("shardId-000000000000")
                    .newStartingHashKey(QUARTER.toString()));
            awaitPhase(phases.get(1));
            // 3 = [2^126, 2^127-1] and 1 = [2^127, 2^128-1] merge into 4
            client.mergeShards(b -> b.streamName(STREAM).shardToMerge("shardId-000000000003")
                    .adjacentShardToMerge("shardId-000000000001"));
            awaitPhase(phases.get(2));
        } finally {
            stop.set(true);
            producers.shutdown();
        }
        for (Future<?> producer : running) {
            producer.get(10, TimeUnit.SECONDS);
        }
        produced.set(true);
        Map<String, List<Integer>> received = consumed.get(20, TimeUnit.SECONDS);
        consumer.shutdown();

        assertLineage();
        assertThat(received.keySet()).isEqualTo(sent.keySet());
        sent.forEach((key, count) -> assertThat(received.get(key)).as("records of key %s", key)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, count).boxed().toList()));
    }

    /** Writes batches with the next counter of each of its keys until stopped; counts down every phase latch. */
    private static void produce(int producer, Map<String, Integer> sent, List<CountDownLatch> phases,
            AtomicBoolean stop) {
        int[] next = new int[KEYS_PER_PRODUCER];
        while (!stop.get()) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int k = 0; k < KEYS_PER_PRODUCER; k++) {
                String key = "p" + producer + "-k" + k;
                entries.add(PutRecordsRequestEntry.builder().partitionKey(key)
                        .data(SdkBytes.fromUtf8String(key + ":" + next[k])).build());
            }
            PutRecordsResponse response = client.putRecords(b -> b.streamName(STREAM).records(entries));
            assertThat(response.failedRecordCount()).isZero();
            for (int k = 0; k < KEYS_PER_PRODUCER; k++) {
                next[k]++;
                sent.put("p" + producer + "-k" + k, next[k]);
            }
            phases.forEach(CountDownLatch::countDown);
        }
    }

    private static void awaitPhase(CountDownLatch phase) throws InterruptedException {
        assertThat(phase.await(20, TimeUnit.SECONDS)).as("producers made progress").isTrue();
        assertThat(client.describeStreamSummary(b -> b.streamName(STREAM)).streamDescriptionSummary()
                .streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    }

    private static void assertLineage() {
        List<Shard> shards = client.listShards(b -> b.streamName(STREAM)).shards();
        assertThat(shards).extracting(Shard::shardId).containsExactly("shardId-000000000000",
                "shardId-000000000001", "shardId-000000000002", "shardId-000000000003", "shardId-000000000004");
        assertThat(shards.get(2).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(3).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(4).parentShardId()).isEqualTo("shardId-000000000003");
        assertThat(shards.get(4).adjacentParentShardId()).isEqualTo("shardId-000000000001");
        assertThat(shards.get(4).hashKeyRange().startingHashKey()).isEqualTo(QUARTER.toString());
        assertThat(client.listShards(b -> b.streamName(STREAM).shardFilter(f -> f.type("AT_LATEST"))).shards())
                .extracting(Shard::shardId).containsExactly("shardId-000000000002", "shardId-000000000004");
        assertThat(HALF).isEqualTo(new BigInteger(shards.get(1).hashKeyRange().startingHashKey()));
    }

    /**
     * Reads the shards without parents first; a child becomes readable once every one of its parents reported it
     * in ChildShards at its end. Open shards are read until an empty batch after the producers have finished.
     */
    private static Map<String, List<Integer>> consumeFollowingLineage(AtomicBoolean produced) {
        List<Shard> listed = client.listShards(b -> b.streamName(STREAM)).shards();
        Deque<String> ready = new ArrayDeque<>();
        Map<String, Set<String>> waitingFor = new HashMap<>();
        for (Shard shard : listed) {
            Set<String> parents = new HashSet<>();
            if (shard.parentShardId() != null) {
                parents.add(shard.parentShardId());
            }
            if (shard.adjacentParentShardId() != null) {
                parents.add(shard.adjacentParentShardId());
            }
            if (parents.isEmpty()) {
                ready.add(shard.shardId());
            } else {
                waitingFor.put(shard.shardId(), parents);
            }
        }
        Map<String, List<Integer>> received = new HashMap<>();
        Set<String> finished = new HashSet<>();
        while (!ready.isEmpty()) {
            String shardId = ready.poll();
            for (ChildShard child : readToEnd(shardId, received, produced)) {
                assertThat(child.parentShards()).contains(shardId);
                Set<String> parents = waitingFor.computeIfAbsent(child.shardId(),
                        id -> new HashSet<>(child.parentShards()));
                parents.remove(shardId);
                if (parents.isEmpty() && finished.add(child.shardId())) {
                    ready.add(child.shardId());
                }
            }
        }
        assertThat(waitingFor.values()).as("every child was reached").allMatch(Set::isEmpty);
        return received;
    }

    /** Reads one shard to its end; returns its ChildShards (none for a shard still open when writing is over). */
    private static List<ChildShard> readToEnd(String shardId, Map<String, List<Integer>> received,
            AtomicBoolean produced) {
        String iterator = client.getShardIterator(b -> b.streamName(STREAM).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (true) {
            String current = iterator;
            boolean producedBefore = produced.get(); // checked before the read, so an empty read means the end
            GetRecordsResponse read = client.getRecords(b -> b.shardIterator(current).limit(100));
            for (Record record : read.records()) {
                String[] parts = record.data().asString(StandardCharsets.UTF_8).split(":");
                assertThat(record.partitionKey()).isEqualTo(parts[0]);
                received.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
            }
            if (read.nextShardIterator() == null) {
                assertThat(read.childShards()).isNotEmpty();
                return read.childShards();
            }
            assertThat(read.childShards()).isNullOrEmpty();
            if (read.records().isEmpty() && producedBefore) {
                return List.of();
            }
            iterator = read.nextShardIterator();
        }
    }
}
