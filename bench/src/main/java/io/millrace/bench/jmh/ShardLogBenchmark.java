package io.millrace.bench.jmh;

import io.millrace.log.LogRecord;
import io.millrace.log.ShardLog;
import io.millrace.log.local.Durability;
import io.millrace.log.local.LocalLogConfig;
import io.millrace.log.local.LocalLogStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Hot paths of the durable shard log: appending a 500-record batch of 1 KiB records (with and without waiting for
 * the group-commit fsync), reading 500 records back, and a timestamp index lookup. Score unit: operations per
 * second; multiply append/read scores by 500 for records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ShardLogBenchmark {
    private static final int BATCH = 500;

    @Param({"FSYNC", "NONE"})
    public Durability durability;

    private Path dir;
    private LocalLogStore store;
    private ShardLog log;
    private List<LogRecord> batch;
    private long startMs;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("millrace-jmh");
        store = LocalLogStore.open(dir, LocalLogConfig.builder().durability(durability).build());
        log = store.openShard("bench", 0);
        batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            byte[] data = new byte[1024];
            ThreadLocalRandom.current().nextBytes(data);
            batch.add(new LogRecord("key-" + i, data));
        }
        startMs = System.currentTimeMillis();
        for (int i = 0; i < 200; i++) {
            log.append(batch, startMs + i).durable().join();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long appendBatchAndWaitUntilDurable() {
        return log.append(batch, System.currentTimeMillis()).durable().join().firstPosition();
    }

    @Benchmark
    public int readBatchFromRandomPosition() {
        long position = ThreadLocalRandom.current().nextLong(log.startPosition(), log.endPosition());
        return log.read(position, BATCH, 10L * 1024 * 1024).records().size();
    }

    @Benchmark
    public long positionForTimestamp() {
        return log.positionForTimestamp(startMs + ThreadLocalRandom.current().nextInt(200));
    }
}
