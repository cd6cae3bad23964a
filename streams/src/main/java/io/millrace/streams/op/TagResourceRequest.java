package io.millrace.streams.op;

import java.util.Map;

/** Input of TagResource. */
public record TagResourceRequest(Map<String, String> tags, String resourceARN, String streamId) {
}
