package io.millrace.firehose;

import io.millrace.log.object.LocalObjectStore;
import io.millrace.log.object.ObjectStore;
import io.millrace.log.LogStore;
import io.millrace.log.local.LocalLogConfig;
import io.millrace.log.local.LocalLogStore;
import io.millrace.log.memory.InMemoryLogStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged records survive a restart and are delivered at least once: a crash after the object is written but
 * before the checkpoint delivers the same records again; a crash before delivery delivers them after restart.
 */
class CrashRestartTest {
    @TempDir
    Path dir;

    @Test
    void recordsBufferedAtACrashAreDeliveredAfterRestartFromTheLocalLog() {
        FirehoseHarness before = new FirehoseHarness(dir, openLocal(), new ManualClock(0));
        before.create("s", "");
        before.put("s", "survives ");
        before.call("PutRecordBatch", "{\"DeliveryStreamName\":\"s\",\"Records\":[{\"Data\":\"YQ==\"}]}");
        before.store.close(); // no engine close: nothing is flushed, as in a crash

        FirehoseHarness after = new FirehoseHarness(dir, openLocal(), new ManualClock(0));
        try {
            assertThat(after.engine.flushAll()).isEqualTo(1);
            assertThat(after.objects()).singleElement()
                    .satisfies(object -> assertThat(after.content(object)).isEqualTo("survives a"));
        } finally {
            after.close();
        }
    }

    @Test
    void aCrashBetweenDeliveryAndCheckpointDeliversTheRecordsAgainFromTheLocalLog() {
        assertRedeliveredAfterCrashInDelivery(this::openLocal);
    }

    @Test
    void aCrashBetweenDeliveryAndCheckpointDeliversTheRecordsAgainFromTheInMemoryLog() {
        InMemoryLogStore shared = new InMemoryLogStore();
        assertRedeliveredAfterCrashInDelivery(() -> shared);
    }

    @Test
    void deliveredRecordsAreNotDeliveredAgainAfterRestart() {
        FirehoseHarness before = new FirehoseHarness(dir, openLocal(), new ManualClock(0));
        before.create("s", "");
        before.put("s", "once");
        assertThat(before.engine.flushAll()).isEqualTo(1);
        before.store.close();

        FirehoseHarness after = new FirehoseHarness(dir, openLocal(), new ManualClock(0));
        try {
            assertThat(after.engine.flushAll()).isZero();
            after.put("s", "twice");
            assertThat(after.engine.flushAll()).isEqualTo(1);
            assertThat(after.objects()).hasSize(2);
        } finally {
            after.close();
        }
    }

    private void assertRedeliveredAfterCrashInDelivery(java.util.function.Supplier<LogStore> stores) {
        LocalObjectStore local = new LocalObjectStore(dir.resolve("s3"));
        ObjectStore crashAfterWrite = new ObjectStore() {
            @Override
            public void putObject(String bucket, String key, byte[] content) throws IOException {
                local.putObject(bucket, key, content);
                throw new IOException("process died before the checkpoint");
            }

            @Override
            public void checkWritable(String bucket) throws IOException {
                local.checkWritable(bucket);
            }
        };
        FirehoseHarness before = new FirehoseHarness(dir, stores.get(), new ManualClock(0), crashAfterWrite);
        before.create("s", "");
        before.put("s", "at least once");
        assertThat(before.engine.flushAll()).isZero();

        FirehoseHarness after = new FirehoseHarness(dir, reopen(before.store, stores), new ManualClock(0));
        try {
            assertThat(after.engine.flushAll()).isEqualTo(1);
            assertThat(after.objects()).hasSize(2)
                    .allSatisfy(object -> assertThat(after.content(object)).isEqualTo("at least once"));
        } finally {
            after.close();
        }
    }

    private static LogStore reopen(LogStore crashed, java.util.function.Supplier<LogStore> stores) {
        if (crashed instanceof LocalLogStore) {
            crashed.close();
        }
        return stores.get();
    }

    private LogStore openLocal() {
        return LocalLogStore.open(dir.resolve("data"), LocalLogConfig.defaults());
    }
}
