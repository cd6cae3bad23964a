package io.millrace.streams.op;

import io.millrace.streams.model.PutRecordsRequestEntry;

import java.util.List;

/** Input of PutRecords. */
public record PutRecordsRequest(List<PutRecordsRequestEntry> records, String streamName, String streamARN,
        String streamId, Boolean dryRun) {
}
