package io.millrace.streams.op;

/** Input of GetRecords. */
public record GetRecordsRequest(String shardIterator, Integer limit, String streamARN, String streamId,
        Boolean dryRun) {
}
