package io.millrace.server;

import io.millrace.log.LogRecord;
import io.millrace.log.ShardLog;
import io.millrace.log.local.Durability;
import io.millrace.log.local.LocalLogConfig;
import io.millrace.log.local.LocalLogStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code millrace log verify|dump}: argument handling, output and exit codes. */
class LogCommandTest {
    @TempDir
    Path dataDir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeALog() {
        try (LocalLogStore store = LocalLogStore.open(dataDir, LocalLogConfig.builder()
                .durability(Durability.NONE).maxSegmentBytes(1024).build())) {
            ShardLog log = store.openShard("orders", 0);
            for (int i = 0; i < 12; i++) {
                log.append(List.of(new LogRecord("k" + i, new byte[100])), 1_000 + i);
            }
        }
    }

    private int run(String... args) {
        return LogCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void verifyOfAHealthyDirectoryExitsZeroWithTotals() {
        assertThat(run("verify", dataDir.toString())).isZero();
        assertThat(out.toString()).startsWith("HEALTHY: 1 shards, ").contains("12 records", "0 findings");
    }

    @Test
    void verifyOfADamagedSealedSegmentExitsOneAndNamesTheFile() throws IOException {
        Path first;
        try (Stream<Path> files = Files.list(dataDir.resolve("streams/orders/000000000000"))) {
            first = files.filter(f -> f.toString().endsWith(".log")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(first);
        bytes[bytes.length - 1] ^= 1;
        Files.write(first, bytes);
        assertThat(run("verify", dataDir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("CORRUPT " + Path.of("streams", "orders", "000000000000",
                "00000000000000000000.log") + ": ")
                .contains("CORRUPT: 1 shards");
    }

    @Test
    void dumpPrintsSegmentsAndBatches() {
        assertThat(run("dump", "--batches", dataDir.toString())).isZero();
        assertThat(out.toString()).contains("shard orders/000000000000", "segment 00000000000000000000.log",
                "batch @32: ");
    }

    @Test
    void aMissingDirectoryOrSubcommandIsAUsageFailure() {
        assertThat(run("verify", dataDir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("millrace log: ");
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
    }
}
