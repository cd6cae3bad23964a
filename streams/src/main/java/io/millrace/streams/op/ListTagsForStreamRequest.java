package io.millrace.streams.op;

/** Input of ListTagsForStream. */
public record ListTagsForStreamRequest(String streamName, String exclusiveStartTagKey, Integer limit, String streamARN,
        String streamId) {
}
