package io.millrace.streams.shard;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HashRoutingProperties {

    @Property
    void everyHashKeyLandsInExactlyOneShard(@ForAll @IntRange(min = 1, max = 64) int shardCount,
            @ForAll("hashKeys") BigInteger key) {
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(shardCount);
        HashKey hashKey = new HashKey(key);
        List<Integer> owners = IntStream.range(0, shardCount).filter(i -> ranges.get(i).contains(hashKey)).boxed()
                .toList();
        assertThat(owners).hasSize(1);
        assertThat(map(ranges).route(hashKey)).isEqualTo(owners.get(0));
    }

    @Property
    void evenSplitsCoverTheWholeSpaceWithoutGaps(@ForAll @IntRange(min = 1, max = 500) int shardCount) {
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(shardCount);
        assertThat(ranges.get(0).start()).isEqualTo(HashKey.MIN);
        assertThat(ranges.get(shardCount - 1).end()).isEqualTo(HashKey.MAX);
        for (int i = 1; i < shardCount; i++) {
            assertThat(ranges.get(i).start().value()).isEqualTo(ranges.get(i - 1).end().value().add(BigInteger.ONE));
        }
    }

    @Property
    void partitionKeysRouteToTheShardOfTheirMd5(@ForAll String partitionKey) {
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(5);
        HashKey key = HashKey.ofPartitionKey(partitionKey);
        assertThat(ranges.get(map(ranges).route(key)).contains(key)).isTrue();
    }

    @Property(tries = 200) // layouts are slow to generate
    void partitionKeysRouteToTheRangeHoldingTheirHashKey(@ForAll String partitionKey,
            @ForAll("layouts") List<HashKeyRange> layout) {
        HashKey key = HashKey.ofPartitionKey(partitionKey);
        ShardMap map = map(layout);
        int owner = owner(layout, key);
        assertThat(map.routePartitionKey(partitionKey)).isEqualTo(owner);
        assertThat(map.route(key)).isEqualTo(owner);
    }

    /** A boundary just below, at or just above the key's own hash: the halves must compare exactly, carries too. */
    @Property
    void partitionKeysRouteExactlyAtShardBoundaries(@ForAll String partitionKey,
            @ForAll @IntRange(min = -1, max = 1) int offset) {
        HashKey key = HashKey.ofPartitionKey(partitionKey);
        BigInteger boundary = key.value().add(BigInteger.valueOf(offset)).max(BigInteger.ONE)
                .min(HashKey.MAX.value());
        List<HashKeyRange> layout = List.of(
                new HashKeyRange(HashKey.MIN, new HashKey(boundary.subtract(BigInteger.ONE))),
                new HashKeyRange(new HashKey(boundary), HashKey.MAX));
        assertThat(map(layout).routePartitionKey(partitionKey)).isEqualTo(owner(layout, key));
    }

    /** The index of the range of {@code layout} holding {@code key}, or -1: the oracle, on {@code BigInteger}s. */
    private static int owner(List<HashKeyRange> layout, HashKey key) {
        return IntStream.range(0, layout.size()).filter(i -> layout.get(i).contains(key)).findFirst().orElse(-1);
    }

    /** Adjacent ranges cut at random points, some of them left out (so keys may fall in gaps, or no shard exists). */
    @Provide
    Arbitrary<List<HashKeyRange>> layouts() {
        return hashKeys().filter(key -> key.signum() > 0).set().ofMaxSize(8).flatMap(cuts ->
                Arbitraries.of(true, false).list().ofSize(cuts.size() + 1).map(kept -> {
                    List<BigInteger> sorted = cuts.stream().sorted().toList();
                    List<HashKeyRange> ranges = new ArrayList<>();
                    BigInteger start = BigInteger.ZERO;
                    for (int i = 0; i <= sorted.size(); i++) {
                        BigInteger end = i < sorted.size() ? sorted.get(i).subtract(BigInteger.ONE)
                                : HashKey.MAX.value();
                        if (kept.get(i)) {
                            ranges.add(new HashKeyRange(new HashKey(start), new HashKey(end)));
                        }
                        start = end.add(BigInteger.ONE);
                    }
                    return ranges;
                }));
    }

    @Provide
    Arbitrary<BigInteger> hashKeys() {
        return Arbitraries.bigIntegers().between(BigInteger.ZERO, HashKey.MAX.value())
                .edgeCases(edges -> edges.includeOnly(BigInteger.ZERO, HashKey.MAX.value()));
    }

    @Test
    void threeShardsUseTheBoundariesRecordedFromAws() {
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(3);
        assertThat(ranges).extracting(r -> r.start() + "-" + r.end()).containsExactly(
                "0-113427455640312821154458202477256070484",
                "113427455640312821154458202477256070485-226854911280625642308916404954512140969",
                "226854911280625642308916404954512140970-340282366920938463463374607431768211455");
    }

    @Test
    void fourShardsAreEachOneQuarterWide() {
        assertThat(HashKeyRange.evenSplit(4).get(1).start().value())
                .isEqualTo(new BigInteger("85070591730234615865843651857942052864"));
    }

    @Test
    void shardIdsParseTheWayKinesisDoes() {
        assertThat(ShardId.parseIndex("shardId-000000000005")).isEqualTo(OptionalInt.of(5));
        assertThat(ShardId.parseIndex("shardId-5")).isEqualTo(OptionalInt.of(5));
        assertThat(ShardId.parseIndex("foo-0")).isEqualTo(OptionalInt.of(0));
        assertThat(ShardId.parseIndex("7")).isEqualTo(OptionalInt.of(7));
        assertThat(ShardId.parseIndex("a-00002147483647")).isEqualTo(OptionalInt.of(Integer.MAX_VALUE));
        assertThat(ShardId.parseIndex("a-2147483648")).isEmpty();
        assertThat(ShardId.parseIndex("shardId-x")).isEmpty();
        assertThat(ShardId.parseIndex("shardId-")).isEmpty();
        assertThat(new ShardId(7).toString()).isEqualTo("shardId-000000000007");
    }

    private static ShardMap map(List<HashKeyRange> ranges) {
        List<ShardMap.Entry> entries = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            entries.add(new ShardMap.Entry(i, ranges.get(i)));
        }
        return new ShardMap(entries);
    }
}
