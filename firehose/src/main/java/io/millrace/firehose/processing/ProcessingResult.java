package io.millrace.firehose.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a processor (or the whole pipeline) made of a batch: the records that go on, in order, and those that failed
 * and go to the error output. Dropped records are in neither list. Immutable.
 */
public record ProcessingResult(List<ProcessedRecord> records, List<FailedRecord> failures) {

    public ProcessingResult {
        records = List.copyOf(records);
        failures = List.copyOf(failures);
    }

    /**
     * Applies {@code transform} to each record on its own: the record becomes what it returns (any number of records,
     * in order), or, when it throws {@link IllegalArgumentException}, one failure with {@code errorCode}, the
     * exception's message and {@code errorOutputType} (a {@link FailedRecord} constant). The shape of every
     * processor that judges records one by one.
     */
    static ProcessingResult ofEach(List<ProcessedRecord> records, ProcessingContext context, String errorCode,
                                   String errorOutputType, Function<ProcessedRecord, List<ProcessedRecord>> transform) {
        List<ProcessedRecord> out = new ArrayList<>(records.size());
        List<FailedRecord> failures = new ArrayList<>();
        for (ProcessedRecord record : records) {
            try {
                out.addAll(transform.apply(record));
            } catch (IllegalArgumentException e) {
                failures.add(new FailedRecord(record.arrivalMs(), record.data(), errorCode, e.getMessage(), 1,
                        context.nowMs(), null, errorOutputType));
            }
        }
        return new ProcessingResult(out, failures);
    }

    /** This result's failures followed by {@code next}'s, with {@code next}'s records. */
    ProcessingResult then(ProcessingResult next) {
        List<FailedRecord> all = new ArrayList<>(failures);
        all.addAll(next.failures);
        return new ProcessingResult(next.records, all);
    }
}
