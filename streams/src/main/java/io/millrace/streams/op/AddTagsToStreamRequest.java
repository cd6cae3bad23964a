package io.millrace.streams.op;

import java.util.Map;

/** Input of AddTagsToStream. */
public record AddTagsToStreamRequest(String streamName, Map<String, String> tags, String streamARN, String streamId) {
}
