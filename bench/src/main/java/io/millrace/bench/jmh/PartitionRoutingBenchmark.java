package io.millrace.bench.jmh;

import io.millrace.streams.shard.HashKey;
import io.millrace.streams.shard.ShardId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The per-record and per-batch work of routing a PutRecords entry: the MD5 hash key of its partition key, and the
 * shard name put in its result. Score unit: operations per second. One instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PartitionRoutingBenchmark {
    private int counter;

    @Benchmark
    public HashKey hashKeyOfPartitionKey() {
        return HashKey.ofPartitionKey("writer-3-" + counter++);
    }

    @Benchmark
    public String shardName() {
        return ShardId.name(counter++ & 0xFFFF);
    }
}
