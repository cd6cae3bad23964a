package io.millrace.bench.jmh;

import io.millrace.streams.position.SequenceNumberCodec;
import io.millrace.streams.position.SequenceNumberEncoder;
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
 * Numbering one record, as PutRecords and GetRecords do for every record they return: the sequence number of a
 * record at a growing position of one shard. Score unit: encodings per second. One instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SequenceNumberBenchmark {
    private static final long SHARD_CREATED_MS = 1_764_000_000_000L;

    private long position = 1_000_000;
    private final SequenceNumberEncoder encoder = new SequenceNumberEncoder();

    @Benchmark
    public String forRecord() {
        position++;
        return SequenceNumberCodec.forRecord(SHARD_CREATED_MS, 3, position, SHARD_CREATED_MS + position);
    }

    /** The same numbers through the encoder responses use: consecutive positions, a new arrival second per 1,000. */
    @Benchmark
    public String encoderForConsecutiveRecords() {
        position++;
        return encoder.forRecord(SHARD_CREATED_MS, 3, position, SHARD_CREATED_MS + position);
    }
}
