package io.millrace.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.protocol.codec.KinesisProtocol;
import io.millrace.protocol.codec.WireFormat;
import io.millrace.streams.model.PutRecordsRequestEntry;
import io.millrace.streams.model.PutRecordsResultEntry;
import io.millrace.streams.model.Record;
import io.millrace.streams.op.GetRecordsResponse;
import io.millrace.streams.op.PutRecordsRequest;
import io.millrace.streams.op.PutRecordsResponse;
import io.millrace.streams.position.SequenceNumberCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The wire codec on the two hot operations: decoding, type-checking, validating and binding a PutRecords body of
 * 500 records of 1 KiB, and encoding a GetRecords answer of 10,000 records of 1 KiB. Score unit: operations per
 * second; multiply by 500 or 10,000 for records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class WireCodecBenchmark {
    private static final int PUT_BATCH = 500;
    private static final int GET_BATCH = 10_000;
    private static final int RECORD_BYTES = 1024;

    @Param({"CBOR", "JSON"})
    public WireFormat format;

    private final KinesisProtocol protocol = KinesisProtocol.kinesis();
    private byte[] putRecordsBody;
    private GetRecordsResponse getRecordsResponse;
    private JsonNode putRecordsTree;
    private PutRecordsResponse putRecordsResponse;

    @Setup
    public void setUp() {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(PUT_BATCH);
        for (int i = 0; i < PUT_BATCH; i++) {
            entries.add(new PutRecordsRequestEntry(payload(i), null, "writer-3-" + i));
        }
        // Request records follow the same naming convention as responses, so the response encoder writes the body.
        putRecordsBody = protocol.encodeResponse(new PutRecordsRequest(entries, "bench", null, null, null), format);
        long createdMs = 1_764_000_000_000L;
        List<Record> records = new ArrayList<>(GET_BATCH);
        for (int i = 0; i < GET_BATCH; i++) {
            long arrivalMs = createdMs + i;
            records.add(new Record(SequenceNumberCodec.forRecord(createdMs, 1, i, arrivalMs),
                    Instant.ofEpochMilli(arrivalMs), payload(i), "writer-3-" + i, null));
        }
        getRecordsResponse = new GetRecordsResponse(records, "iterator", 0L, null);
        putRecordsTree = protocol.decode("PutRecords", format, putRecordsBody);
        List<PutRecordsResultEntry> results = new ArrayList<>(PUT_BATCH);
        for (int i = 0; i < PUT_BATCH; i++) {
            results.add(new PutRecordsResultEntry(records.get(i).sequenceNumber(), "shardId-000000000001", null, null));
        }
        putRecordsResponse = new PutRecordsResponse(0, results, null);
    }

    private static byte[] payload(int seed) {
        byte[] data = new byte[RECORD_BYTES];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (seed * 31 + i);
        }
        return data;
    }

    /** What the server runs: one pass straight off the parser's tokens for a valid body like this one. */
    @Benchmark
    public PutRecordsRequest decodeRequestPutRecords() {
        return protocol.decodeRequest("PutRecords", format, putRecordsBody, PutRecordsRequest.class).request();
    }

    /** The full path, which every body the one pass gives up on takes: tree, type check, validation, binding. */
    @Benchmark
    public PutRecordsRequest decodeAndBindPutRecords() {
        JsonNode tree = protocol.decode("PutRecords", format, putRecordsBody);
        return protocol.bind(tree, PutRecordsRequest.class);
    }

    /** Parse, type-check and validate only: the part of {@link #decodeAndBindPutRecords} before binding. */
    @Benchmark
    public JsonNode decodePutRecords() {
        return protocol.decode("PutRecords", format, putRecordsBody);
    }

    /** Binding only, from a tree decoded once. */
    @Benchmark
    public PutRecordsRequest bindPutRecords() {
        return protocol.bind(putRecordsTree, PutRecordsRequest.class);
    }

    /** The PutRecords answer: 500 sequence numbers and shard ids. */
    @Benchmark
    public byte[] encodePutRecordsResponse() {
        return protocol.encodeResponse(putRecordsResponse, format);
    }

    @Benchmark
    public byte[] encodeGetRecordsResponse() {
        return protocol.encodeResponse(getRecordsResponse, format);
    }
}
