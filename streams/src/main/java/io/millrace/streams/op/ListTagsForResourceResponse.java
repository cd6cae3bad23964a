package io.millrace.streams.op;

import io.millrace.streams.model.Tag;

import java.util.List;

/** Output of ListTagsForResource. */
public record ListTagsForResourceResponse(List<Tag> tags) {
}
