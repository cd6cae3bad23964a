package io.millrace.log.local;

import io.millrace.log.ShardLog;
import io.millrace.log.CallerClockShardLogContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segmented log against the shared contract, with tiny segments and a dense index so that rolling, index
 * lookups and whole-segment trimming all happen inside ordinary contract cases.
 */
class SegmentedShardLogTest extends CallerClockShardLogContract {
    private static final LocalLogConfig SMALL = LocalLogConfig.builder()
            .maxSegmentBytes(600).indexIntervalBytes(100).build();

    private final Map<ShardLog, LocalLogStore> stores = new IdentityHashMap<>();
    private final Map<ShardLog, Path> dirs = new IdentityHashMap<>();

    @Override
    protected ShardLog newLog() {
        try {
            Path dir = Files.createTempDirectory("millrace-contract");
            LocalLogStore store = LocalLogStore.open(dir, SMALL);
            ShardLog log = store.openShard("stream", 0);
            synchronized (dirs) {
                stores.put(log, store);
                dirs.put(log, dir);
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void dispose(ShardLog log) {
        Path dir;
        LocalLogStore store;
        synchronized (dirs) {
            dir = dirs.remove(log);
            store = stores.remove(log);
        }
        store.close();
        try {
            DurableFiles.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void trimDeletesWholeSealedSegmentsButNeverTheActiveOne() {
        SegmentedShardLog log = (SegmentedShardLog) newLog();
        try {
            for (int i = 0; i < 30; i++) {
                log.append(records("k", 2, 40), 1000 + i);
            }
            int segmentsBefore = log.segmentCount();
            log.trimOlderThan(1020);
            assertThat(segmentsBefore).isGreaterThan(3);
            assertThat(log.startPosition()).isPositive().isLessThanOrEqualTo(40);
            assertThat(log.segmentCount()).isLessThan(segmentsBefore);
            log.trimOlderThan(Long.MAX_VALUE);
            assertThat(log.segmentCount()).isEqualTo(1);
            assertThat(log.endPosition()).isEqualTo(60);
            assertThat(log.read(0, 100, Long.MAX_VALUE).records().get(0).position())
                    .isEqualTo(log.startPosition());
        } finally {
            dispose(log);
        }
    }
}
