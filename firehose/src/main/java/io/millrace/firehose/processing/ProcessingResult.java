package io.millrace.firehose.processing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a processor (or the whole pipeline) made of a batch: the records that go on, in order, and those that failed
 * and go to the error output. Dropped records are in neither list. Immutable.
 */
public record ProcessingResult(List<ProcessedRecord> records, List<FailedRecord> failures) {

    public ProcessingResult {
        records = List.copyOf(records);
        failures = List.copyOf(failures);
    }

    /** This result's failures followed by {@code next}'s, with {@code next}'s records. */
    ProcessingResult then(ProcessingResult next) {
        List<FailedRecord> all = new ArrayList<>(failures);
        all.addAll(next.failures);
        return new ProcessingResult(next.records, all);
    }
}
