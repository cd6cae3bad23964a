package io.millrace.firehose.processing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code AppendDelimiterToRecord} processor: a {@code \n} after every record. Stateless and thread-safe. */
final class AppendDelimiterToRecord implements RecordProcessor {
    static final byte[] DELIMITER = {'\n'};

    @Override
    public ProcessingResult process(List<ProcessedRecord> records, ProcessingContext context) {
        List<ProcessedRecord> out = new ArrayList<>(records.size());
        for (ProcessedRecord record : records) {
            byte[] data = Arrays.copyOf(record.data(), record.data().length + 1);
            data[data.length - 1] = DELIMITER[0];
            out.add(record.withData(data));
        }
        return new ProcessingResult(out, List.of());
    }
}
