package io.millrace.log.memory;

import io.millrace.log.ShardLog;
import io.millrace.log.ShardLogContract;

/** The in-memory log against the shared contract. */
class InMemoryShardLogTest extends ShardLogContract {

    @Override
    protected ShardLog newLog() {
        return new InMemoryShardLog();
    }
}
