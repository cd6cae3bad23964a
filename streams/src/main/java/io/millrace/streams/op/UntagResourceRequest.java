package io.millrace.streams.op;

import java.util.List;

/** Input of UntagResource. */
public record UntagResourceRequest(List<String> tagKeys, String resourceARN, String streamId) {
}
