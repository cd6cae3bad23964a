package io.millrace.firehose.processing;

import java.util.List;

/**
 * One processor type of a {@code ProcessingConfiguration}. Implementations are immutable and thread-safe; a failure
 * of one record is a {@link FailedRecord} in the result, never an exception.
 */
interface RecordProcessor {

    ProcessingResult process(List<ProcessedRecord> records, ProcessingContext context);
}
