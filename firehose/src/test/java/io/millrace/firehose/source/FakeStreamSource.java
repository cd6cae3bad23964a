package io.millrace.firehose.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kinesis stream in memory for reader tests: shards with lineage, records named {@code <shardId>/<index>}.
 * Not the server's implementation (that one is exercised end to end in the server's integration tests).
 */
final class FakeStreamSource implements StreamSource {
    static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/orders";

    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private String incarnation = "first";
    int reads;

    private static final class Shard {
        final String parent;
        final List<String> records = new ArrayList<>();
        boolean closed;

        Shard(String parent) {
            this.parent = parent;
        }
    }

    synchronized FakeStreamSource shard(String shardId, String parent) {
        shards.put(shardId, new Shard(parent));
        return this;
    }

    synchronized void put(String shardId, String... texts) {
        shards.get(shardId).records.addAll(List.of(texts));
    }

    synchronized void close(String shardId) {
        shards.get(shardId).closed = true;
    }

    synchronized void recreate() {
        shards.clear();
        incarnation = incarnation + "'";
    }

    @Override
    public boolean exists(String streamArn) {
        return ARN.equals(streamArn);
    }

    @Override
    public synchronized Optional<SourceStream> describe(String streamArn) {
        List<SourceShard> list = new ArrayList<>();
        shards.forEach((id, shard) -> list.add(new SourceShard(id, shard.parent, null, shard.closed)));
        return Optional.of(new SourceStream(incarnation, list));
    }

    @Override
    public synchronized ShardRead read(String streamArn, String shardId, String afterSequenceNumber, long startMs,
                                       int maxRecords, long maxBytes) {
        reads++;
        Shard shard = shards.get(shardId);
        int from = afterSequenceNumber == null ? 0
                : Integer.parseInt(afterSequenceNumber.substring(afterSequenceNumber.indexOf('/') + 1)) + 1;
        List<SourceRecord> out = new ArrayList<>();
        for (int i = from; i < shard.records.size() && out.size() < maxRecords; i++) {
            out.add(new SourceRecord(shardId + "/" + i, 0, shard.records.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        return new ShardRead(out, shard.closed && from + out.size() >= shard.records.size());
    }
}
