package io.millrace.kafka;

import io.millrace.log.AppendedBatch;
import io.millrace.log.LogRecord;
import io.millrace.log.SealableLog;
import io.millrace.log.SharedMetadata;
import io.millrace.log.ShardLog;
import io.millrace.log.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two stores on one prefix as two gateways: compare-and-set decided by the metadata topic's order, and the seal
 * that fixes a shared partition's end. A short lease keeps seals fast.
 */
class SharedMetadataTest {
    private static final GatewayLease LEASE = new GatewayLease(200, 100, 20);
    private final KafkaLogConfig config = SharedKafka.config("shared").withOffsetsCacheMs(0);
    private final KafkaLogStore first = KafkaLogStore.open(config, LEASE);
    private final KafkaLogStore second = KafkaLogStore.open(config, LEASE);

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void ofTwoGatewaysChangingAnEntryFromTheSameVersionExactlyOneWinsAndBothSeeTheWinner() throws Exception {
        SharedMetadata a = (SharedMetadata) first.metadata();
        SharedMetadata b = (SharedMetadata) second.metadata();
        for (int round = 0; round < 5; round++) {
            String key = "k" + round;
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Boolean> byA = CompletableFuture.supplyAsync(() -> propose(a, key, "a", go));
            CompletableFuture<Boolean> byB = CompletableFuture.supplyAsync(() -> propose(b, key, "b", go));
            go.countDown();
            assertThat(byA.join() ^ byB.join()).as("exactly one wins in round %d", round).isTrue();
            String winner = byA.join() ? "a" : "b";
            assertThat(a.current(key).value()).asString(StandardCharsets.UTF_8).isEqualTo(winner);
            b.compareAndSet(key + "-barrier", 0, new byte[] {1}); // b's view now includes a's proposal
            assertThat(b.current(key).value()).asString(StandardCharsets.UTF_8).isEqualTo(winner);
            assertThat(b.current(key).version()).isEqualTo(1);
        }
        assertThat(a.compareAndSet("k0", 0, new byte[] {9})).as("a stale version loses").isFalse();
        assertThat(a.compareAndSet("k0", 1, null)).isTrue();
        assertThat(a.current("k0").value()).isNull();
        assertThat(first.metadata().loadAll()).doesNotContainKey("k0").containsKey("k1");
    }

    @Test
    void aVersionShowsOnlyAfterTheListenersHaveBeenToldOfIt() {
        SharedMetadata a = (SharedMetadata) first.metadata();
        SharedMetadata b = (SharedMetadata) second.metadata();
        // What each store showed as the current version while its listener was being told of a new one.
        List<long[]> toldA = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<long[]> toldB = new java.util.concurrent.CopyOnWriteArrayList<>();
        a.watch("told/", (key, version, value) -> toldA.add(new long[] {version, a.current(key).version()}));
        b.watch("told/", (key, version, value) -> toldB.add(new long[] {version, b.current(key).version()}));
        for (long version = 0; version < 3; version++) {
            assertThat(a.compareAndSet("told/x", version, new byte[] {(byte) version})).isTrue();
        }
        assertThat(b.compareAndSet("told-barrier", 0, new byte[] {1})).isTrue(); // b has read a's changes too

        for (List<long[]> told : List.of(toldA, toldB)) {
            assertThat(told).extracting(pair -> pair[0]).containsExactly(1L, 2L, 3L);
            assertThat(told).allSatisfy(pair -> assertThat(pair[1]).as("shown while told of %d", pair[0])
                    .isEqualTo(pair[0] - 1));
        }
        assertThat(a.current("told/x").version()).isEqualTo(3);
    }

    @Test
    void aListenerThatFailsForAReasonThatMayPassIsToldAgainBeforeTheVersionShows() {
        SharedMetadata a = (SharedMetadata) first.metadata();
        SharedMetadata b = (SharedMetadata) second.metadata();
        // What b showed as the current version each time its listener was told of a change; the first two fail.
        List<long[]> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        b.watch("flaky/", (key, version, value) -> {
            told.add(new long[] {version, b.current(key).version()});
            if (told.size() <= 2) {
                throw new StorageException(StorageException.Kind.IO, "the cluster is slow", null);
            }
        });
        List<String> toldOthers = new java.util.concurrent.CopyOnWriteArrayList<>();
        b.watch("flaky/", (key, version, value) -> toldOthers.add(key + "@" + version));

        assertThat(a.compareAndSet("flaky/x", 0, new byte[] {1})).isTrue();
        assertThat(b.compareAndSet("flaky-barrier", 0, new byte[] {1})).isTrue(); // b has read a's change too

        assertThat(told).extracting(pair -> pair[0]).containsExactly(1L, 1L, 1L);
        assertThat(told).allSatisfy(pair -> assertThat(pair[1]).as("shown while told").isZero());
        assertThat(toldOthers).as("a listener that took the change is told once").containsExactly("flaky/x@1");
        assertThat(b.current("flaky/x").version()).isEqualTo(1);
        assertThat(b.current("flaky/x").value()).containsExactly(1);
    }

    @Test
    void aListenerThatCannotTakeAChangeMissesItAndTheOthersGoOn() {
        SharedMetadata b = (SharedMetadata) second.metadata();
        List<Long> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        b.watch("broken/", (key, version, value) -> {
            told.add(version);
            if (version == 1) {
                throw new IllegalStateException("cannot parse");
            }
        });
        List<Long> toldOthers = new java.util.concurrent.CopyOnWriteArrayList<>();
        b.watch("broken/", (key, version, value) -> toldOthers.add(version));

        assertThat(b.compareAndSet("broken/x", 0, new byte[] {1})).isTrue();
        assertThat(b.compareAndSet("broken/x", 1, new byte[] {2})).isTrue();

        assertThat(told).containsExactly(1L, 2L);
        assertThat(toldOthers).containsExactly(1L, 2L);
        assertThat(b.current("broken/x").version()).isEqualTo(2);
    }

    @Test
    void aSealedLogEndsAboveEveryAcknowledgedRecordOnEveryGatewayAndRefusesLaterAppends() {
        ShardLog writer = first.openShard("sealed", 0);
        ShardLog other = second.openShard("sealed", 0);
        AppendedBatch acknowledged = writer.append(records(5), 0).durable().join();

        long end = ((SealableLog) other).seal();

        assertThat(end).isGreaterThan(acknowledged.position(4));
        // The writer's reader may not have reached the SEALED marker yet; sealing again agrees on the same end.
        assertThat(((SealableLog) writer).seal()).isEqualTo(end);
        assertThat(((SealableLog) writer).sealed()).isTrue();
        assertThat(writer.endPosition()).isEqualTo(end);
        assertThat(other.read(0, 100, Long.MAX_VALUE).records()).hasSize(5);
        assertThatThrownBy(() -> writer.append(records(1), 0).durable().join())
                .isInstanceOf(StorageException.class);
    }

    private static boolean propose(SharedMetadata store, String key, String value, CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return store.compareAndSet(key, 0, value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<LogRecord> records(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new LogRecord("p" + i, new byte[] {(byte) i})).toList();
    }
}
