package io.millrace.compat.kcl;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Splits a stream's only shard in the middle of its hash key range, as the reshard scenarios do. Stateless. */
final class ShardSplit {
    private ShardSplit() {
    }

    /** The stream's single shard; fails the test if it has more. */
    static Shard onlyShard(KinesisAsyncClient kinesis, String stream) {
        List<Shard> shards = kinesis.listShards(r -> r.streamName(stream)).join().shards();
        assertThat(shards).hasSize(1);
        return shards.get(0);
    }

    /** Splits {@code parent} into two halves and waits until the stream is ACTIVE again. */
    static void inHalf(KinesisAsyncClient kinesis, String stream, Shard parent) {
        BigInteger start = new BigInteger(parent.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(parent.hashKeyRange().endingHashKey());
        String middle = start.add(end).shiftRight(1).add(BigInteger.ONE).toString();
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit(parent.shardId()).newStartingHashKey(middle)).join();
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream)).join();
    }
}
