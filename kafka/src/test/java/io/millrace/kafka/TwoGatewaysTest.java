package io.millrace.kafka;

import io.millrace.log.AppendedBatch;
import io.millrace.log.LogRecord;
import io.millrace.log.ShardLog;
import io.millrace.log.StoredRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two stores on one topic prefix, as two gateways on one cluster: what one writes, the other reads without having
 * appended anything itself (its offsets are read from the broker, here on every call: cache 0 ms).
 */
class TwoGatewaysTest {
    private final KafkaLogConfig config = SharedKafka.config("two").withOffsetsCacheMs(0);
    private final KafkaLogStore writer = KafkaLogStore.open(config);
    private final KafkaLogStore reader = KafkaLogStore.open(config);

    @AfterEach
    void close() {
        writer.close();
        reader.close();
    }

    @Test
    void recordsWrittenThroughOneGatewayAreReadThroughTheOtherWithTheSamePositionsAndTimes() {
        ShardLog written = writer.openShard("shared", 1);
        ShardLog seen = reader.openShard("shared", 1);
        assertThat(seen.endPosition()).isZero();

        AppendedBatch first = written.append(records("a", 3), 0).durable().join();
        AppendedBatch second = written.append(records("b", 2), 0).durable().join();

        assertThat(seen.endPosition()).isEqualTo(5);
        assertThat(seen.lastArrivalMs()).isEqualTo(second.arrivalMs(1));
        List<StoredRecord> read = seen.read(0, 100, Long.MAX_VALUE).records();
        assertThat(read).extracting(StoredRecord::partitionKey).containsExactly("a0", "a1", "a2", "b0", "b1");
        assertThat(read.get(3).position()).isEqualTo(second.position(0));
        assertThat(read.get(0).arrivalMs()).isEqualTo(first.arrivalMs(0));
        assertThat(seen.positionForTimestamp(second.arrivalMs(0)))
                .isEqualTo(first.arrivalMs(2) == second.arrivalMs(0) ? first.position(0) : second.position(0));
    }

    @Test
    void metadataPutThroughOneGatewayIsLoadedByTheOther() {
        writer.metadata().put("stream/x", "v1".getBytes(StandardCharsets.UTF_8));
        assertThat(reader.metadata().loadAll().get("stream/x")).asString(StandardCharsets.UTF_8).isEqualTo("v1");
        writer.metadata().remove("stream/x");
        assertThat(reader.metadata().loadAll()).doesNotContainKey("stream/x");
    }

    @Test
    void aShardAddedByOneGatewayIsOpenedByTheOtherWithoutAddingPartitions() {
        writer.openShard("grown", 0);
        writer.openShard("grown", 3).append(records("c", 1), 0).durable().join();
        ShardLog seen = reader.openShard("grown", 3);
        assertThat(seen.read(0, 10, Long.MAX_VALUE).records()).extracting(StoredRecord::partitionKey)
                .containsExactly("c0");
        assertThat(reader.openShard("grown", 2).endPosition()).isZero();
    }

    /** Both gateways grow the same new topics at once (two gateways opening a stream they both just heard of). */
    @Test
    void twoGatewaysAddingTheSamePartitionsAtOnceBothOpenTheShards() throws Exception {
        for (int round = 0; round < 8; round++) {
            String stream = "raced-" + round;
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<ShardLog> byWriter = openAfter(go, writer, stream);
            java.util.concurrent.CompletableFuture<ShardLog> byReader = openAfter(go, reader, stream);
            go.countDown();
            assertThat(byWriter.get(30, java.util.concurrent.TimeUnit.SECONDS).endPosition()).isZero();
            assertThat(byReader.get(30, java.util.concurrent.TimeUnit.SECONDS).endPosition()).isZero();
        }
    }

    /** Opens shard 0 and then shard 3 of {@code stream} on its own thread once {@code go} opens. */
    private static java.util.concurrent.CompletableFuture<ShardLog> openAfter(java.util.concurrent.CountDownLatch go,
            KafkaLogStore store, String stream) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            store.openShard(stream, 0);
            return store.openShard(stream, 3);
        }, runnable -> new Thread(runnable).start());
    }

    private static List<LogRecord> records(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new LogRecord(prefix + i, new byte[] {(byte) i})).toList();
    }
}
