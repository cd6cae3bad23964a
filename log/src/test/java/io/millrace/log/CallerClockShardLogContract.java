package io.millrace.log;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extra rules of a log that takes arrival times from the caller's clock (local and in-memory logs): a batch
 * arrives at {@code max(nowMs, lastArrivalMs)}, all its records at the same time.
 */
public abstract class CallerClockShardLogContract extends ShardLogContract {

    @Test
    void lastArrivalNeverGoesBackWhenTheClockStepsBack() {
        ShardLog log = newLog();
        try {
            log.append(records("k", 1, 1), 5000).durable().join();
            AppendedBatch stepped = log.append(records("k", 1, 1), 4000).durable().join();
            assertThat(stepped.arrivalMs(0)).isEqualTo(5000);
            assertThat(log.lastArrivalMs()).isEqualTo(5000);
            assertThat(log.read(1, 1, 100).records().get(0).arrivalMs()).isEqualTo(5000);
            log.append(records("k", 1, 1), 6000).durable().join();
            assertThat(log.lastArrivalMs()).isEqualTo(6000);
        } finally {
            dispose(log);
        }
    }

    @Property(tries = 30)
    void everyRecordOfABatchArrivesAtTheLaterOfNowAndTheLastArrival(@ForAll("appends") List<Append> appends) {
        ShardLog log = newLog();
        try {
            List<StoredRecord> model = appendAll(log, appends);
            long lastArrivalMs = -1;
            int next = 0;
            for (Append append : appends) {
                lastArrivalMs = Math.max(lastArrivalMs, append.nowMs());
                for (int r = 0; r < append.recordCount(); r++) {
                    assertThat(model.get(next++).arrivalMs()).isEqualTo(lastArrivalMs);
                }
            }
        } finally {
            dispose(log);
        }
    }
}
