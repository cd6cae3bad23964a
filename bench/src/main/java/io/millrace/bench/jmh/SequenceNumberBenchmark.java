package io.millrace.bench.jmh;

import io.millrace.streams.position.SequenceNumberCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;

/**
 * The sequence number of one record, as every delivered SubscribeToShard record, GetRecords record and PutRecords
 * entry needs: {@code codec} is {@link SequenceNumberCodec#forRecord}; {@code bigInteger} is the former encoding
 * (the same 47 hex digits built as a string, then {@code new BigInteger(hex, 16).toString()}), kept here as the
 * baseline that the codec's limb arithmetic replaced.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SequenceNumberBenchmark {
    private static final long CREATED_MS = 1_764_000_000_000L;
    private long position;

    @Benchmark
    public String codec() {
        position++;
        return SequenceNumberCodec.forRecord(CREATED_MS, 3, position, CREATED_MS + position);
    }

    @Benchmark
    public String bigInteger() {
        position++;
        long arrivalS = (CREATED_MS + position) / 1000;
        String hex = "2" + hex(CREATED_MS / 1000, 9) + "3" + hex(position + 1, 16) + "00" + hex(arrivalS, 9)
                + hex(3, 8) + "2";
        return new BigInteger(hex, 16).toString();
    }

    private static String hex(long value, int digits) {
        String text = Long.toHexString(value);
        return "0".repeat(digits - text.length()) + text;
    }
}
