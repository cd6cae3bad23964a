package io.millrace.server.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real server process with SIGKILL while writers are running, restarts it on the same data directory, and
 * finds every acknowledged record with its original sequence number; sequence numbers are never reused.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashRestartIT {
    private static final String STREAM = "crash-test";
    private static final int ROUNDS = 5;
    private static final int WRITERS = 4;

    private Path dataDir;
    private ServerProcess server;

    @BeforeEach
    void setUp() throws IOException {
        dataDir = Files.createTempDirectory("millrace-crash");
        server = ServerProcess.on(dataDir);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.destroy();
        }
        TestServer.deleteRecursively(dataDir);
    }

    @Test
    void everyAcknowledgedRecordSurvivesSigkill() throws Exception {
        Map<String, Acked> acked = new ConcurrentHashMap<>();
        Map<String, BigInteger> highestBeforeCrash = Map.of();
        List<String> reused = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int round = 0; round < ROUNDS; round++) {
            server.start();
            try (KinesisClient kinesis = client()) {
                if (round == 0) {
                    kinesis.createStream(r -> r.streamName(STREAM).shardCount(4));
                }
                assertAllPresent(kinesis, acked);
                Map<String, BigInteger> floor = highestBeforeCrash;
                writeUntilKilled(kinesis, acked, round, (shardId, sequence) -> {
                    if (sequence.compareTo(floor.getOrDefault(shardId, BigInteger.ZERO)) <= 0) {
                        reused.add(shardId + "/" + sequence);
                    }
                });
            }
            highestBeforeCrash = highestPerShard(acked);
        }
        server.start();
        try (KinesisClient kinesis = client()) {
            assertAllPresent(kinesis, acked);
        }
        // SIGTERM: the shutdown hook closes the transport and the store cleanly
        assertThat(server.terminate(30)).as("server exited after SIGTERM").isTrue();
        server.start();
        try (KinesisClient kinesis = client()) {
            assertAllPresent(kinesis, acked);
        }
        assertThat(acked).hasSizeGreaterThan(ROUNDS * 100);
        assertThat(reused).as("sequence numbers at or below one acknowledged before a crash").isEmpty();
    }

    private void writeUntilKilled(KinesisClient kinesis, Map<String, Acked> acked, int round,
                                  java.util.function.BiConsumer<String, BigInteger> checkNew)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(WRITERS * 5);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                Random random = new Random(round * 100L + writer);
                while (!stop.get()) {
                    List<PutRecordsRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + random.nextInt(1000))
                                .data(SdkBytes.fromByteArray(KinesisScenario.randomBytes(random, 100 + random.nextInt(900))))
                                .build());
                    }
                    PutRecordsResponse response;
                    try {
                        response = kinesis.putRecords(r -> r.streamName(STREAM).records(entries));
                    } catch (RuntimeException killed) {
                        return;
                    }
                    for (int i = 0; i < entries.size(); i++) {
                        PutRecordsResultEntry result = response.records().get(i);
                        if (result.errorCode() == null) {
                            checkNew.accept(result.shardId(), new BigInteger(result.sequenceNumber()));
                            acked.put(result.sequenceNumber(), new Acked(result.shardId(),
                                    entries.get(i).data().asByteArray()));
                        }
                    }
                    enough.countDown();
                }
            }, "writer-" + w);
            thread.start();
            writers.add(thread);
        }
        assertThat(enough.await(60, TimeUnit.SECONDS)).isTrue();
        server.kill();
        stop.set(true);
        for (Thread thread : writers) {
            thread.join(30_000);
        }
    }

    private static Map<String, BigInteger> highestPerShard(Map<String, Acked> acked) {
        Map<String, BigInteger> highest = new HashMap<>();
        acked.forEach((sequence, record) -> highest.merge(record.shardId(), new BigInteger(sequence), BigInteger::max));
        return highest;
    }

    private static void assertAllPresent(KinesisClient kinesis, Map<String, Acked> acked) {
        Map<String, Acked> found = new HashMap<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(STREAM)).shards()) {
            for (Record record : KinesisScenario.readAll(kinesis, STREAM, shard.shardId(),
                    ShardIteratorType.TRIM_HORIZON, null, null)) {
                found.put(record.sequenceNumber(), new Acked(shard.shardId(), record.data().asByteArray()));
            }
        }
        assertThat(found).containsAllEntriesOf(acked);
    }


    private KinesisClient client() {
        return KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(Clients.CREDENTIALS)
                .httpClient(ApacheHttpClient.builder().build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    /** What a PutRecords acknowledged. */
    record Acked(String shardId, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Acked a && a.shardId.equals(shardId) && java.util.Arrays.equals(a.data, data);
        }

        @Override
        public int hashCode() {
            return shardId.hashCode() * 31 + java.util.Arrays.hashCode(data);
        }
    }
}
