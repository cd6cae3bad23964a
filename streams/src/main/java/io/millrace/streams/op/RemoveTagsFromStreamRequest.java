package io.millrace.streams.op;

import java.util.List;

/** Input of RemoveTagsFromStream. */
public record RemoveTagsFromStreamRequest(String streamName, List<String> tagKeys, String streamARN, String streamId) {
}
