package io.millrace.kafka;

import io.millrace.log.AppendWatch;
import io.millrace.log.LogRecord;
import io.millrace.log.ShardLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway watching a shard hears of records another gateway appends without waiting for its offsets cache (an
 * hour here, so only the watch can tell), can read them at once, and stops hearing once the watch is closed.
 */
class AppendWatcherTest {
    private final KafkaLogConfig config = SharedKafka.config("watch").withOffsetsCacheMs(3_600_000);
    private final KafkaLogStore writer = KafkaLogStore.open(config);
    private final KafkaLogStore watcher = KafkaLogStore.open(config);

    @AfterEach
    void close() {
        writer.close();
        watcher.close();
    }

    @Test
    void recordsAppendedByAnotherGatewayWakeTheWatcherAndBecomeReadableThere() throws Exception {
        ShardLog written = writer.openShard("s", 0);
        ShardLog watched = watcher.openShard("s", 0);
        assertThat(watched.endPosition()).isZero();
        Semaphore woken = new Semaphore(0);
        AppendWatch watch = watched.watchAppends(woken::release);

        for (int i = 0; i < 3; i++) {
            written.append(List.of(new LogRecord("p", new byte[] {(byte) i})), 0).durable().join();
            assertThat(woken.tryAcquire(10, TimeUnit.SECONDS)).as("woken for record %d", i).isTrue();
            woken.drainPermits();
            assertThat(watched.endPosition()).isEqualTo(i + 1);
        }
        assertThat(watched.read(0, 10, Long.MAX_VALUE).records()).hasSize(3);

        watch.close();
        CountDownLatch other = new CountDownLatch(1);
        try (AppendWatch second = watched.watchAppends(other::countDown)) {
            written.append(List.of(new LogRecord("p", new byte[] {9})), 0).durable().join();
            assertThat(other.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(woken.availablePermits()).as("a closed watch is not called").isZero();
    }
}
