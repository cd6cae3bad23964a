package io.millrace.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The metadata reader's pace when nothing is written: it waits at the broker rather than asking again and again. */
class MetadataTailTest {

    @Test
    void anIdleReaderFetchesAboutOncePerPoll() throws Exception {
        try (KafkaLogStore store = KafkaLogStore.open(SharedKafka.config("idle-reader"))) {
            MetadataTail tail = ((KafkaMetadataStore) store.metadata()).tail();
            double before = tail.fetchCount();
            long startNs = System.nanoTime();
            Thread.sleep(2_000); // not a wait for an event: the window over which the rate is measured
            double fetches = tail.fetchCount() - before;
            double seconds = (System.nanoTime() - startNs) / 1e9;
            // About ten a second with the 100 ms poll; the read-oriented 10 ms fetch wait made about a hundred.
            assertThat(fetches).as("fetches in %.1f s", seconds).isPositive().isLessThan(30 * seconds);
        }
    }
}
