package io.millrace.streams.stream;

import io.millrace.streams.position.SequenceNumberCodec;
import io.millrace.streams.shard.HashKey;
import io.millrace.streams.shard.HashKeyRange;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the shard list after a split, a merge or a uniform re-scaling. Closing a shard gives it an
 * EndingSequenceNumber above any record it can hold; children take the next free shard indexes and carry their
 * lineage ({@code ParentShardId}, and {@code AdjacentParentShardId} for merges). Checks of the request (state,
 * adjacency, limits) belong to the operations; this class only asserts its preconditions.
 *
 * <p>Design note: {@link #scaleUniformly} reaches the even layout of the target count by splits and merges, as AWS
 * documents that UpdateShardCount does, instead of one direct re-partition: a new shard may overlap more than two
 * old ones, and lineage can only name two parents, so a direct re-partition would let readers (KCL) start a child
 * before all the shards holding older records of its keys were read. The intermediate shards are closed at once.
 *
 * <p>Thread safety: instances are confined to one call; the static entry points are thread-safe.
 */
public final class Resharder {
    private final List<ShardMetadata> shards;
    private final long nowMs;

    private Resharder(StreamMetadata stream, long nowMs) {
        this.shards = new ArrayList<>(stream.shards());
        this.nowMs = nowMs;
    }

    /** Closes open shard {@code parentIndex}; its children own {@code [start, newStart-1]} and {@code [newStart,end]}. */
    public static StreamMetadata split(StreamMetadata stream, int parentIndex, HashKey newStart, long nowMs) {
        Resharder resharder = new Resharder(stream, nowMs);
        resharder.split(parentIndex, newStart);
        return stream.withShards(resharder.shards);
    }

    /** Splits open shard {@code parentIndex} in the middle of its hash range, as ON_DEMAND streams do. */
    public static StreamMetadata splitInHalf(StreamMetadata stream, int parentIndex, long nowMs) {
        HashKeyRange range = stream.shard(parentIndex).range();
        BigInteger width = range.end().value().subtract(range.start().value()).add(BigInteger.ONE);
        return split(stream, parentIndex, new HashKey(range.start().value().add(width.shiftRight(1))), nowMs);
    }

    /** Closes adjacent open shards {@code lower} and {@code upper}; the child owns both ranges. */
    public static StreamMetadata merge(StreamMetadata stream, int lower, int upper, long nowMs) {
        Resharder resharder = new Resharder(stream, nowMs);
        resharder.merge(lower, upper);
        return stream.withShards(resharder.shards);
    }

    /**
     * Reaches {@code targetCount} open shards laid out as a new stream of that size would be: first splits every
     * open shard at each target boundary inside it, then merges, left to right, the open shards inside each target
     * range (see the design note).
     */
    public static StreamMetadata scaleUniformly(StreamMetadata stream, int targetCount, long nowMs) {
        Resharder resharder = new Resharder(stream, nowMs);
        List<HashKeyRange> targets = HashKeyRange.evenSplit(targetCount);
        for (HashKeyRange target : targets.subList(1, targets.size())) {
            resharder.splitAtBoundary(target.start());
        }
        for (HashKeyRange target : targets) {
            resharder.mergeWithin(target);
        }
        return stream.withShards(resharder.shards);
    }

    private void splitAtBoundary(HashKey boundary) {
        Map.Entry<BigInteger, ShardMetadata> owner = openByStart().floorEntry(boundary.value());
        if (!owner.getKey().equals(boundary.value())) {
            split(owner.getValue().index(), boundary);
        }
    }

    private void mergeWithin(HashKeyRange target) {
        List<ShardMetadata> inside = openByStart()
                .subMap(target.start().value(), true, target.end().value(), true).values().stream().toList();
        int merged = inside.get(0).index();
        for (ShardMetadata next : inside.subList(1, inside.size())) {
            merged = merge(merged, next.index());
        }
    }

    private TreeMap<BigInteger, ShardMetadata> openByStart() {
        TreeMap<BigInteger, ShardMetadata> open = new TreeMap<>();
        shards.stream().filter(ShardMetadata::open).forEach(s -> open.put(s.range().start().value(), s));
        return open;
    }

    private void split(int parentIndex, HashKey newStart) {
        ShardMetadata parent = close(parentIndex);
        HashKeyRange range = parent.range();
        if (newStart.compareTo(range.start()) <= 0 || newStart.compareTo(range.end()) > 0) {
            throw new IllegalArgumentException("newStart: " + newStart + " (expected: in (" + range.start() + ", "
                    + range.end() + "])");
        }
        HashKey lastOfLower = new HashKey(newStart.value().subtract(BigInteger.ONE));
        addChild(range.start(), lastOfLower, parent.shardId(), null);
        addChild(newStart, range.end(), parent.shardId(), null);
    }

    private int merge(int lowerIndex, int upperIndex) {
        ShardMetadata lower = close(lowerIndex);
        ShardMetadata upper = close(upperIndex);
        if (!lower.range().end().value().add(BigInteger.ONE).equals(upper.range().start().value())) {
            throw new IllegalArgumentException("shards " + lowerIndex + " and " + upperIndex
                    + " (expected: adjacent, in hash-key order)");
        }
        return addChild(lower.range().start(), upper.range().end(), lower.shardId(), upper.shardId());
    }

    private ShardMetadata close(int index) {
        ShardMetadata shard = shards.get(index);
        if (!shard.open()) {
            throw new IllegalArgumentException("shard " + index + " (expected: open)");
        }
        ShardMetadata closed = shard.closed(nowMs, SequenceNumberCodec.endOf(shard.creationMs(), index, nowMs));
        shards.set(index, closed);
        return closed;
    }

    private int addChild(HashKey start, HashKey end, String parentShardId, String adjacentParentShardId) {
        int index = shards.size();
        shards.add(new ShardMetadata(index, start.toString(), end.toString(),
                SequenceNumberCodec.startOf(nowMs, index), nowMs, null, null, parentShardId, adjacentParentShardId));
        return index;
    }
}
