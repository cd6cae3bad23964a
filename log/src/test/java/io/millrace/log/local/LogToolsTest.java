package io.millrace.log.local;

import io.millrace.log.ShardLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LogVerifier} and {@link LogDumper} on healthy and damaged data directories. */
class LogToolsTest {
    private static final LocalLogConfig CONFIG = LocalLogConfig.builder().durability(Durability.NONE)
            .maxSegmentBytes(2048).indexIntervalBytes(256).build();

    @TempDir
    Path dataDir;
    private List<Path> segments;

    @BeforeEach
    void writeTwoShards() throws IOException {
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            for (int shard = 0; shard < 2; shard++) {
                ShardLog log = store.openShard("orders", shard);
                for (int batch = 0; batch < 20; batch++) {
                    log.append(LocalLogStoreTest.records(batch, 2, 100), 1_000 + batch);
                }
            }
        }
        segments = LocalLogStoreTest.segmentFiles(dataDir.resolve("streams/orders/000000000000"));
        assertThat(segments).hasSizeGreaterThan(2);
    }

    @Test
    void aCleanDirectoryVerifiesHealthyWithExactTotals() throws IOException {
        LogVerifier.Report report = LogVerifier.verify(dataDir);
        assertThat(report.findings()).isEmpty();
        assertThat(report.isHealthy()).isTrue();
        assertThat(report.shards()).isEqualTo(2);
        assertThat(report.records()).isEqualTo(80);
        assertThat(report.segments()).isEqualTo(2 * segments.size());
    }

    @Test
    void aFlippedBitInASealedSegmentIsCorruptEvenThoughItsIndexIsTrustedOnOpen() throws IOException {
        flipByte(segments.get(0), SegmentDescriptor.HEADER_LENGTH + BatchDescriptor.HEADER_LENGTH + 3);
        LogVerifier.Report report = LogVerifier.verify(dataDir);
        assertThat(report.isHealthy()).isFalse();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(LogVerifier.Severity.CORRUPT);
            assertThat(f.file()).isEqualTo(segments.get(0));
            assertThat(f.message()).contains("CRC32C");
        });
    }

    @Test
    void aTornNewestSegmentAndADamagedIndexAreRepairedOnOpen() throws IOException {
        Path newest = segments.get(segments.size() - 1);
        Files.delete(IndexFile.pathFor(newest, SegmentDescriptor.parseFileName(newest.getFileName().toString())));
        try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 5);
        }
        Path firstIndex = IndexFile.pathFor(segments.get(0), 0);
        flipByte(firstIndex, IndexFileDescriptor.HEADER_LENGTH + 1);
        LogVerifier.Report report = LogVerifier.verify(dataDir);
        assertThat(report.isHealthy()).isTrue();
        assertThat(report.findings()).extracting(LogVerifier.Finding::file).containsExactlyInAnyOrder(newest,
                firstIndex);
        assertThat(report.findings()).allSatisfy(f ->
                assertThat(f.severity()).isEqualTo(LogVerifier.Severity.REPAIRED_ON_OPEN));
    }

    @Test
    void aMissingMiddleSegmentIsAGap() throws IOException {
        Files.delete(segments.get(1));
        LogVerifier.Report report = LogVerifier.verify(dataDir);
        assertThat(report.isHealthy()).isFalse();
        assertThat(report.findings()).singleElement().satisfies(f ->
                assertThat(f.message()).contains("but the previous segment ends at"));
    }

    @Test
    void theDumpDescribesEverySegmentAndOptionallyEveryBatch() throws IOException {
        StringWriter text = new StringWriter();
        List<SegmentInspection> inspections = LogDumper.dump(dataDir, true, new PrintWriter(text));
        assertThat(inspections).hasSize(2 * segments.size());
        assertThat(inspections).allSatisfy(i -> assertThat(i.index()).isEqualTo(SegmentInspection.IndexState.VALID));
        assertThat(inspections.stream().mapToLong(SegmentInspection::batches).sum()).isEqualTo(40);
        String dump = text.toString();
        assertThat(dump).contains("shard orders/000000000000", "shard orders/000000000001",
                "segment 00000000000000000000.log: positions [0, ", "index VALID");
        assertThat(dump.lines().filter(l -> l.contains("batch @"))).hasSize(40);
        assertThat(dump).contains("batch @32: ", "positions 0..1, arrived 1970-01-01T00:00:01Z");
    }

    private static void flipByte(Path file, int at) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[at] ^= 0x10;
        Files.write(file, bytes);
    }
}
