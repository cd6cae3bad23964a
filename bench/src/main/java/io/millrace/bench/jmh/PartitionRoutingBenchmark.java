package io.millrace.bench.jmh;

import io.millrace.streams.shard.HashKey;
import io.millrace.streams.shard.HashKeyRange;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.shard.ShardMap;
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
import java.util.stream.IntStream;

/**
 * The per-record and per-batch work of routing a PutRecords entry: the MD5 hash key of its partition key, the shard
 * that owns it (of four), and the shard name put in its result. Score unit: operations per second. One instance per
 * benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PartitionRoutingBenchmark {
    private final ShardMap fourShards = new ShardMap(IntStream.range(0, 4)
            .mapToObj(i -> new ShardMap.Entry(i, HashKeyRange.evenSplit(4).get(i))).toList());
    private int counter;

    @Benchmark
    public HashKey hashKeyOfPartitionKey() {
        return HashKey.ofPartitionKey("writer-3-" + counter++);
    }

    /** Routing through the partition key's {@link HashKey}, as explicit hash keys still are. */
    @Benchmark
    public int routeHashKeyOfPartitionKey() {
        return fourShards.route(HashKey.ofPartitionKey("writer-3-" + counter++));
    }

    /** Routing straight from the digest's two 64-bit halves, as PutRecords does without an explicit hash key. */
    @Benchmark
    public int routePartitionKey() {
        return fourShards.routePartitionKey("writer-3-" + counter++);
    }

    @Benchmark
    public String shardName() {
        return ShardId.name(counter++ & 0xFFFF);
    }
}
