package io.millrace.streams.op;

/** Input of ListTagsForResource. */
public record ListTagsForResourceRequest(String resourceARN, String streamId) {
}
