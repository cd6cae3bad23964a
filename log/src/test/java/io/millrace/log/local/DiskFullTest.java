package io.millrace.log.local;

import io.millrace.log.AppendResult;
import io.millrace.log.AppendedBatch;
import io.millrace.log.LogRecord;
import io.millrace.log.ShardLog;
import io.millrace.log.StorageException;
import io.millrace.log.StoredRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A full disk: appends fail with {@code STORAGE_FULL}, nothing acknowledged is damaged, and appends resume once
 * space returns. Runs on a 2 MiB tmpfs the test mounts (needs root and permission to mount; skipped otherwise).
 */
class DiskFullTest {
    private static final LocalLogConfig CONFIG = LocalLogConfig.builder().durability(Durability.FSYNC)
            .maxSegmentBytes(256 * 1024).build();

    @TempDir
    Path root;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        mount = Files.createDirectory(root.resolve("small"));
        int exit;
        try {
            Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString())
                    .redirectErrorStream(true).start();
            assumeThat(process.waitFor(10, TimeUnit.SECONDS)).as("mount finished").isTrue();
            exit = process.exitValue();
        } catch (IOException e) {
            exit = -1;
        }
        assumeThat(exit).as("mounting a 2 MiB tmpfs needs root and a mount-capable environment").isZero();
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskFailsAppendsWithStorageFullAndAppendsResumeWhenSpaceReturns() throws IOException {
        Path dataDir = mount.resolve("data");
        Path filler = mount.resolve("filler");
        List<StoredRecord> acknowledged = new ArrayList<>();
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            Files.write(filler, new byte[1024 * 1024]);
            ShardLog log = store.openShard("s", 0);
            StorageException full = appendUntilFull(log, acknowledged);
            assertThat(full.kind()).isEqualTo(StorageException.Kind.STORAGE_FULL);
            assertThat(acknowledged).isNotEmpty();
            assertThatThrownBy(() -> log.append(batch(999), 0)).isInstanceOfSatisfying(StorageException.class,
                    e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.STORAGE_FULL));
            assertThat(log.endPosition()).as("nothing of a failed batch is visible").isEqualTo(acknowledged.size());
            assertSameRecords(log, acknowledged);

            Files.delete(filler);
            AppendResult resumed = log.append(batch(1000), 0);
            AppendedBatch landed = resumed.durable().join();
            assertThat(landed.firstPosition()).isEqualTo(acknowledged.size());
            acknowledge(landed, batch(1000), acknowledged);
        }
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            assertSameRecords(store.openShard("s", 0), acknowledged);
        }
    }

    private static StorageException appendUntilFull(ShardLog log, List<StoredRecord> acknowledged) {
        for (int i = 0; i < 10_000; i++) {
            List<LogRecord> batch = batch(i);
            try {
                acknowledge(log.append(batch, i).durable().join(), batch, acknowledged);
            } catch (StorageException e) {
                return e;
            }
        }
        throw new AssertionError("the disk never filled");
    }

    private static List<LogRecord> batch(int i) {
        return List.of(new LogRecord("k" + i, filled(7_000, i)), new LogRecord("j" + i, filled(3_000, i + 1)));
    }

    private static byte[] filled(int length, int seed) {
        byte[] data = new byte[length];
        java.util.Arrays.fill(data, (byte) seed);
        return data;
    }

    private static void acknowledge(AppendedBatch result, List<LogRecord> batch, List<StoredRecord> acknowledged) {
        for (int r = 0; r < batch.size(); r++) {
            acknowledged.add(new StoredRecord(result.position(r), result.arrivalMs(r),
                    batch.get(r).partitionKey(), batch.get(r).data()));
        }
    }

    private static void assertSameRecords(ShardLog log, List<StoredRecord> expected) {
        List<StoredRecord> actual = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE).records();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).position()).isEqualTo(expected.get(i).position());
            assertThat(actual.get(i).partitionKey()).isEqualTo(expected.get(i).partitionKey());
            assertThat(actual.get(i).data()).isEqualTo(expected.get(i).data());
        }
    }
}
