package io.millrace.log.memory;

import io.millrace.log.ShardLog;
import io.millrace.log.CallerClockShardLogContract;

/** The in-memory log against the shared contract. */
class InMemoryShardLogTest extends CallerClockShardLogContract {

    @Override
    protected ShardLog newLog() {
        return new InMemoryShardLog();
    }
}
