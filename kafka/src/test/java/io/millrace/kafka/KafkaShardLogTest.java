package io.millrace.kafka;

import io.millrace.log.ShardLog;
import io.millrace.log.ShardLogContract;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kafka log against the shared contract, on the shared embedded node. Every log is a fresh partition of one
 * topic created up front with room for all of them, so the contract's hundred-odd fresh logs cost no admin calls.
 */
class KafkaShardLogTest extends ShardLogContract {
    private static final int PARTITIONS = 200;
    private static final AtomicInteger NEXT_SHARD = new AtomicInteger();
    private static KafkaLogStore store;

    private static synchronized KafkaLogStore store() {
        if (store == null) {
            store = KafkaLogStore.open(SharedKafka.config("contract"));
            store.openShard("contract", PARTITIONS - 1).close();
        }
        return store;
    }

    @Override
    protected ShardLog newLog() {
        return store().openShard("contract", NEXT_SHARD.getAndIncrement());
    }
}
